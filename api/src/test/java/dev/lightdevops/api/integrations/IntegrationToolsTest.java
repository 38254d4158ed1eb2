package dev.lightdevops.api.integrations;

import dev.lightdevops.api.mcp.McpResults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.deployment.ObservedDeployment;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.common.testing.TopicProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * rollback_deployment, get_logs, get_metrics and list_deployments over real HTTP against a real broker: what is
 * accepted, what reaches Kafka, what is refused, and how a fetch's result answers the same query later. The worker's
 * side is played by writing what a worker writes (a succeeded snapshot, a deployments record) to the real topics.
 */
class IntegrationToolsTest {

    private static ConfigurableApplicationContext api;
    private static String mcp;

    @BeforeAll
    static void startApi() {
        api = ApiTestContexts.start("--devops.api.telemetry.cache-ttl=10m");
        mcp = ApiTestContexts.baseUrl(api) + "/mcp";
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void rollbackIsAcceptedAndItsCommandCarriesTheReasonAndTargetVersion() {
        String service = unique();
        JsonNode structured = call("rollback_deployment", """
                {"service":"%s","environment":"staging","reason":"p99 latency doubled after 2.1.0",
                 "target_version":"2.0.0"}""".formatted(service)).get("structuredContent");

        assertThat(structured.get("status").asString()).isEqualTo("queued");
        assertThat(structured.get("result").get("placeholder").asBoolean()).isTrue();
        Command command = commandOf(structured.get("operation_id").asString());
        assertThat(command.key()).isEqualTo(service + "@staging");
        assertThat(command.operation().type()).isEqualTo(OperationType.ROLLBACK);
        assertThat(command.operation().request()).containsEntry("reason", "p99 latency doubled after 2.1.0")
                .containsEntry("target_version", "2.0.0");
    }

    @Test
    void rollbackByDeployOperationIdTargetsThatDeploy() {
        String service = unique();
        String deployId = call("deploy_service", """
                {"service":"%s","version":"4.0.0","environment":"development"}""".formatted(service))
                .get("structuredContent").get("operation_id").asString();

        String rollbackId = call("rollback_deployment", """
                {"operation_id":"%s","environment":"development","reason":"bad migration in 4.0.0"}""".formatted(deployId))
                .get("structuredContent").get("operation_id").asString();

        Command command = commandOf(rollbackId);
        assertThat(command.key()).isEqualTo(service + "@development");
        assertThat(command.operation().request()).containsEntry("operation_id", deployId);
    }

    @Test
    void rollbackWithAShortReasonIsRefusedAndPublishesNothing() {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        JsonNode result = call("rollback_deployment", """
                {"service":"cart","environment":"staging","reason":"oops"}""");

        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(McpResults.text(result)).contains("reason");
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void productionRollbackIsRefusedForDevelopersAndPublishesNothing() {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        JsonNode result = call("rollback_deployment", """
                {"service":"cart","environment":"production","reason":"incident 4711: checkout errors"}""");

        assertThat(McpResults.errorCode(result)).isEqualTo("permission_denied");
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void getLogsStartsAFetchThenTheSameNormalizedQueryAnswersFromItsResult() {
        String service = unique();
        JsonNode first = call("get_logs", """
                {"service":"%s","level":"WARNING","query":"timeout  budget","since":"30m"}""".formatted(service))
                .get("structuredContent");
        String fetchId = first.get("operation_id").asString();
        assertThat(first.get("result").get("placeholder").asBoolean()).isTrue();
        Command command = commandOf(fetchId);
        assertThat(command.operation().type()).isEqualTo(OperationType.FETCH_LOGS);
        assertThat(command.key()).isEqualTo("logs:" + service + "|warn|timeout budget|30m..now|100");

        Operation done = command.operation().running(1, null, Instant.now())
                .succeeded(Map.of("source", "simulated", "simulated", true, "count", 1,
                        "logs", List.of(Map.of("message", "timeout budget 80% used"))), Instant.now());
        publish(Topics.STATUS, done.id(), ContractJson.write(done));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode again = call("get_logs", """
                    {"since":"30m","query":"timeout budget","level":"warn","service":"%s"}""".formatted(service))
                    .get("structuredContent");
            assertThat(again.get("cached").asBoolean()).isTrue();
            assertThat(again.get("operation_id").asString()).isEqualTo(fetchId);
            assertThat(again.get("age_seconds").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(again.get("result").get("logs").get(0).get("message").asString())
                    .isEqualTo("timeout budget 80% used");
        });
    }

    @Test
    void getMetricsValidatesMetricNamesAndStartsAFetch() {
        JsonNode bad = call("get_metrics", """
                {"metrics":["cpu; drop table"]}""");
        assertThat(bad.get("isError").asBoolean()).isTrue();

        JsonNode structured = call("get_metrics", """
                {"service":"%s","metrics":["system.cpu.user","trace.http.request.duration"],"step_seconds":300}"""
                .formatted(unique())).get("structuredContent");
        Command command = commandOf(structured.get("operation_id").asString());
        assertThat(command.operation().type()).isEqualTo(OperationType.FETCH_METRICS);
        assertThat(command.operation().request()).containsEntry("step_seconds", 300)
                .containsEntry("metrics", List.of("system.cpu.user", "trace.http.request.duration"));
    }

    @Test
    void listDeploymentsShowsWhatWorkersRecorded() {
        String service = unique();
        Deployment recorded = Deployment.none(service, "staging")
                .after(new DeploymentEvent("deploy", "1.0.0", DeploymentEvent.LIVE, "op-1", null, "simulated",
                        "alice", "worker-1", Instant.now()))
                .after(new DeploymentEvent("deploy", "1.1.0", DeploymentEvent.LIVE, "op-2", null, "simulated",
                        "alice", "worker-2", Instant.now()));
        publish(Topics.DEPLOYMENTS, recorded.key(), ContractJson.write(recorded));

        JsonNode deployments = call("list_deployments", """
                {"service":"%s"}""".formatted(service)).get("structuredContent").get("deployments");

        assertThat(deployments).hasSize(1);
        assertThat(deployments.get(0).get("live_version").asString()).isEqualTo("1.1.0");
        assertThat(deployments.get(0).get("previous_version").asString()).isEqualTo("1.0.0");
        assertThat(deployments.get(0).get("history")).hasSize(2);
    }

    @Test
    void listDeploymentsShowsWhatTheClusterSaysBesideTheLedger() {
        String service = unique();
        Deployment recorded = Deployment.none(service, "production")
                .after(new DeploymentEvent("deploy", "2.0.0", DeploymentEvent.LIVE, "op-1", null, "kubernetes",
                        "alice", "worker-1", Instant.now()));
        publish(Topics.DEPLOYMENTS, recorded.key(), ContractJson.write(recorded));
        ObservedDeployment cluster = new ObservedDeployment(service, "production", "kubernetes", "prod", "shop",
                service + "-web", "app", "registry.example/shop/" + service + ":2.0.1", "2.0.1",
                new ObservedDeployment.Replicas(3, 3, 3, 3), 7L, ObservedDeployment.STATE_AVAILABLE,
                "deployment successfully rolled out", Instant.now(), "worker-1");
        publish(Topics.OBSERVED_DEPLOYMENTS, cluster.key(), ContractJson.write(cluster));
        ObservedDeployment onlyObserved = new ObservedDeployment(service, "staging", "kubernetes", "prod", "staging",
                service, service, "registry.example/shop/" + service + ":1.0.0", "1.0.0",
                new ObservedDeployment.Replicas(1, 1, 1, 1), 1L, ObservedDeployment.STATE_AVAILABLE, "rolled out",
                Instant.now(), "worker-1");
        publish(Topics.OBSERVED_DEPLOYMENTS, onlyObserved.key(), ContractJson.write(onlyObserved));

        JsonNode answer = call("list_deployments", """
                {"service":"%s"}""".formatted(service));
        JsonNode deployments = answer.get("structuredContent").get("deployments");

        assertThat(deployments).hasSize(2);
        JsonNode production = deployments.get(0);
        assertThat(production.get("live_version").asString()).isEqualTo("2.0.0");
        assertThat(production.get("cluster").get("version").asString()).isEqualTo("2.0.1");
        assertThat(production.get("cluster").get("image").asString()).endsWith(":2.0.1");
        assertThat(production.get("cluster").get("replicas").get("available").asInt()).isEqualTo(3);
        assertThat(production.get("in_sync").asBoolean()).isFalse();
        JsonNode staging = deployments.get(1);
        assertThat(staging.get("environment").asString()).isEqualTo("staging");
        assertThat(staging.get("live_version").isNull()).isTrue();
        assertThat(staging.get("cluster").get("namespace").asString()).isEqualTo("staging");
        assertThat(answer.get("content").get(0).get("text").asString())
                .contains(service + "@production=2.0.0 (cluster: 2.0.1, 3/3 available, available)");
    }

    private static JsonNode call(String tool, String arguments) {
        HttpResponse<String> response = Http.postJson(mcp, """
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"%s","arguments":%s}}"""
                .formatted(tool, arguments));
        assertThat(response.statusCode()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body()).get("result");
    }

    private static Command commandOf(String operationId) {
        return TopicProbe.readAll(Topics.COMMANDS).stream()
                .map(record -> ContractJson.read(record.value(), Command.class))
                .filter(command -> command.operation().id().equals(operationId))
                .findFirst().orElseThrow();
    }

    private static void publish(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unique() {
        return "svc-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
