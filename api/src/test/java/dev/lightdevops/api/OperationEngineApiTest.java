package dev.lightdevops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.CancelRequest;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.common.testing.TopicProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
 * The api side of the operations engine on two api instances against a real broker: idempotency across instances,
 * read-your-writes, long-poll, cancellation of queued operations, and the audit trail.
 */
class OperationEngineApiTest {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoApis() {
        first = ApiTestContexts.start();
        second = ApiTestContexts.start();
    }

    @AfterAll
    static void stopApis() {
        first.close();
        second.close();
    }

    @Test
    void sameIdempotencyKeyOnTwoInstancesAtOnceYieldsOneOperation() {
        String key = "release-" + UUID.randomUUID();
        String arguments = """
                {"service":"ledger","version":"9.0.0","environment":"staging","idempotency_key":"%s"}""".formatted(key);

        CompletableFuture<JsonNode> onFirst = CompletableFuture.supplyAsync(() -> deploy(first, arguments));
        CompletableFuture<JsonNode> onSecond = CompletableFuture.supplyAsync(() -> deploy(second, arguments));
        String firstId = onFirst.join().get("operation_id").asString();
        String secondId = onSecond.join().get("operation_id").asString();
        String laterId = deploy(second, arguments).get("operation_id").asString();

        assertThat(secondId).isEqualTo(firstId);
        assertThat(laterId).isEqualTo(firstId);
    }

    @Test
    void anotherKeyOrNoKeyStartsAnotherOperation() {
        String arguments = """
                {"service":"ledger","version":"9.0.1","environment":"staging","idempotency_key":"%s"}""";
        String one = deploy(first, arguments.formatted("a-" + UUID.randomUUID())).get("operation_id").asString();
        String two = deploy(first, arguments.formatted("b-" + UUID.randomUUID())).get("operation_id").asString();
        String noKey = deploy(first, """
                {"service":"ledger","version":"9.0.1","environment":"staging"}""").get("operation_id").asString();

        assertThat(List.of(one, two, noKey)).doesNotHaveDuplicates();
    }

    @Test
    void pollOnTheOtherInstanceRightAfterAcceptanceFindsTheOperation() {
        for (int i = 0; i < 5; i++) {
            String id = deploy(first, """
                    {"service":"ryw","version":"1.0.%d","environment":"development"}""".formatted(i))
                    .get("operation_id").asString();

            HttpResponse<String> poll = Http.get(ApiTestContexts.baseUrl(second) + "/api/v1/operations/" + id);

            assertThat(poll.statusCode()).isEqualTo(200);
            assertThat(poll.body()).contains(id);
        }
    }

    @Test
    void longPollAnswersWhenTheStatusChanges() throws Exception {
        String id = deploy(first, """
                {"service":"waiting","version":"1.0.0","environment":"staging"}""").get("operation_id").asString();
        Operation queued = operationOf(first, id);

        int listening = waitingSubscribers(second);
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() ->
                Http.get(ApiTestContexts.baseUrl(second) + "/api/v1/operations/" + id + "?wait=25s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingSubscribers(second) > listening);
        publishStatus(queued.running(1, new Progress(10, "validate", "validating"), Instant.now()));

        HttpResponse<String> answered = waiting.get();
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("\"status\":\"running\"");
    }

    @Test
    void malformedWaitIsAProblem() {
        HttpResponse<String> response = Http.get(ApiTestContexts.baseUrl(first) + "/api/v1/operations/x?wait=soon");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("wait");
    }

    @Test
    void cancellingAQueuedOperationEndsItCancelledAtOnceAndTellsTheWorkers() {
        String id = deploy(first, """
                {"service":"cancel-me","version":"1.0.0","environment":"staging"}""").get("operation_id").asString();

        HttpResponse<String> cancelled = Http.postJson(
                ApiTestContexts.baseUrl(second) + "/api/v1/operations/" + id + ":cancel", "");

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("\"status\":\"cancelled\"");
        assertThat(TopicProbe.readAll(Topics.CONTROL)).anySatisfy(record ->
                assertThat(ContractJson.read(record.value(), CancelRequest.class).operationId()).isEqualTo(id));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Http.get(ApiTestContexts.baseUrl(first) + "/api/v1/operations/" + id).body())
                .contains("\"status\":\"cancelled\""));
    }

    @Test
    void cancelOfAnUnknownOperationIsA404() {
        HttpResponse<String> response = Http.postJson(
                ApiTestContexts.baseUrl(first) + "/api/v1/operations/" + UUID.randomUUID() + ":cancel", "");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void acceptedAndRefusedCallsAreAudited() {
        String id = deploy(first, """
                {"service":"audited","version":"2.0.0","environment":"staging","reason":"token Bearer abc.def"}""")
                .get("operation_id").asString();
        callTool(first, "deploy_service", """
                {"service":"audited","version":"2.0.0","environment":"production"}""");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<AuditEvent> events = TopicProbe.readAll(Topics.AUDIT).stream()
                    .map(record -> ContractJson.read(record.value(), AuditEvent.class))
                    .filter(event -> event.target() != null
                            && List.of("audited@staging", "audited@production").contains(event.target()))
                    .toList();
            assertThat(events).anySatisfy(event -> {
                assertThat(event.action()).isEqualTo("accepted");
                assertThat(event.operationId()).isEqualTo(id);
                assertThat(event.principal()).isEqualTo("anonymous");
                assertThat(event.tool()).isEqualTo("deploy_service");
                assertThat(event.clientAddress()).isNotBlank();
                assertThat(String.valueOf(event.arguments().get("reason"))).doesNotContain("abc.def");
            });
            assertThat(events).anySatisfy(event -> {
                assertThat(event.action()).isEqualTo("refused");
                assertThat(event.outcome()).isEqualTo("permission_denied");
            });
        });
    }

    @Test
    void getOperationToolWaitsForAStatusChange() throws Exception {
        String id = deploy(first, """
                {"service":"tool-wait","version":"1.0.0","environment":"staging"}""").get("operation_id").asString();
        Operation queued = operationOf(first, id);

        int listening = waitingSubscribers(second);
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> callTool(second, "get_operation",
                "{\"id\":\"" + id + "\",\"wait_seconds\":25}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingSubscribers(second) > listening);
        publishStatus(queued.running(1, new Progress(10, "validate", "validating"), Instant.now()));

        JsonNode result = waiting.get().get("result");
        assertThat(result.get("structuredContent").get("operation").get("status").asString()).isEqualTo("running");
    }

    @Test
    void cancelOperationToolCancelsAQueuedOperation() {
        String id = deploy(first, """
                {"service":"tool-cancel","version":"1.0.0","environment":"staging"}""").get("operation_id").asString();

        JsonNode result = callTool(second, "cancel_operation", "{\"id\":\"" + id + "\"}").get("result");

        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.get("structuredContent").get("operation").get("status").asString()).isEqualTo("cancelled");
    }

    private static int waitingSubscribers(ConfigurableApplicationContext api) {
        return api.getBean(dev.lightdevops.api.operations.OperationView.class).subscriberCount();
    }

    private static Operation operationOf(ConfigurableApplicationContext api, String id) {
        return TopicProbe.readAll(Topics.COMMANDS).stream()
                .map(record -> ContractJson.read(record.value(), Command.class).operation())
                .filter(operation -> operation.id().equals(id))
                .findFirst().orElseThrow();
    }

    static JsonNode deploy(ConfigurableApplicationContext api, String arguments) {
        JsonNode result = callTool(api, "deploy_service", arguments).get("result");
        assertThat(result.get("isError").asBoolean()).as(result.toString()).isFalse();
        return result.get("structuredContent");
    }

    static JsonNode callTool(ConfigurableApplicationContext api, String tool, String arguments) {
        HttpResponse<String> response = Http.postJson(ApiTestContexts.baseUrl(api) + "/mcp", """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"%s","arguments":%s}}"""
                .formatted(tool, arguments));
        assertThat(response.statusCode()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body());
    }

    static void publishStatus(Operation snapshot) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.STATUS, snapshot.id(), ContractJson.write(snapshot))).get();
        }
    }
}
