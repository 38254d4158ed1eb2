package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The integrations across the whole stack: logs from the simulated source through a fetch operation and then from the
 * api's cache, and a rollback to the version a deploy replaced, visible in list_deployments.
 */
class EndToEndIntegrationsTest {

    private static StandaloneApplication stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StandaloneApplication.start("--server.port=0", "--devops.standalone.data-directory=target/stack-data",
                "--devops.standalone.kafka-bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.simulated-stage-duration=5ms");
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void logsComeFromAFetchOperationThenFromTheCache() {
        String arguments = """
                {"service":"checkout","level":"error","since":"2h","limit":5}""";
        String id = call("get_logs", arguments).get("operation_id").asString();

        JsonNode done = awaitSucceeded(id);
        assertThat(done.get("result").get("simulated").asBoolean()).isTrue();
        assertThat(done.get("result").get("logs")).hasSize(5)
                .allSatisfy(log -> assertThat(log.get("level").asString()).isEqualTo("error"));

        JsonNode again = call("get_logs", arguments);
        assertThat(again.get("cached").asBoolean()).isTrue();
        assertThat(again.get("operation_id").asString()).isEqualTo(id);
        assertThat(again.get("result").get("logs")).isEqualTo(done.get("result").get("logs"));
    }

    @Test
    void rollbackReturnsToTheVersionTheLastDeployReplaced() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        awaitSucceeded(call("deploy_service", """
                {"service":"%s","version":"1.0.0","environment":"staging"}""".formatted(service))
                .get("operation_id").asString());
        awaitSucceeded(call("deploy_service", """
                {"service":"%s","version":"1.1.0","environment":"staging"}""".formatted(service))
                .get("operation_id").asString());

        JsonNode rolledBack = awaitSucceeded(call("rollback_deployment", """
                {"service":"%s","environment":"staging","reason":"checkout errors after 1.1.0"}"""
                .formatted(service)).get("operation_id").asString());

        assertThat(rolledBack.get("result").get("version").asString()).isEqualTo("1.0.0");
        JsonNode listed = call("list_deployments", """
                {"service":"%s"}""".formatted(service)).get("deployments").get(0);
        assertThat(listed.get("live_version").asString()).isEqualTo("1.0.0");
        assertThat(listed.get("history").get(0).get("reason").asString()).isEqualTo("checkout errors after 1.1.0");
    }

    private static JsonNode awaitSucceeded(String id) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> ContractJson.mapper().readTree(
                Http.get(stack.baseUrl() + "/api/v1/operations/" + id).body()),
                operation -> operation.has("status") && "succeeded".equals(operation.get("status").asString()));
    }

    private static JsonNode call(String tool, String arguments) {
        String body = Http.postJson(stack.mcpUrl(), """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"%s","arguments":%s}}"""
                .formatted(tool, arguments)).body();
        JsonNode result = ContractJson.mapper().readTree(body).get("result");
        assertThat(result.get("isError").asBoolean()).as(body).isFalse();
        return result.get("structuredContent");
    }
}
