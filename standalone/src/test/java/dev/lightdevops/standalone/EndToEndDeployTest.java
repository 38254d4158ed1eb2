package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole path across Kafka: MCP tool call on the api, execution on a worker, the outcome visible on the api. */
class EndToEndDeployTest {

    private static StandaloneApplication stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StandaloneApplication.start("--server.port=0",
                "--devops.standalone.kafka-bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.simulated-stage-duration=20ms");
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void deployCalledOverMcpSucceedsAndIsVisibleThroughTheApi() {
        String body = Http.postJson(stack.mcpUrl(), """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"deploy_service",
                 "arguments":{"service":"checkout","version":"1.4.2","environment":"staging"}}}""").body();
        String id = ContractJson.mapper().readTree(body).get("result").get("structuredContent")
                .get("operation_id").asString();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode operation = ContractJson.mapper().readTree(
                    Http.get(stack.baseUrl() + "/api/v1/operations/" + id).body());
            assertThat(operation.get("status").asString()).isEqualTo("succeeded");
            assertThat(operation.get("result").get("version").asString()).isEqualTo("1.4.2");
            assertThat(operation.has("placeholder")).isTrue();
        });
    }

    @Test
    void localStackListensOnLoopbackOnly() {
        assertThat(stack.baseUrl()).startsWith("http://127.0.0.1:");
    }
}
