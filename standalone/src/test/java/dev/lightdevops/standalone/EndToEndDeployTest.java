package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import java.net.URI;
import java.net.http.HttpRequest;
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
        stack = StandaloneApplication.start("--server.port=0", "--devops.standalone.data-directory=target/stack-data",
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
            assertThat(operation.has("placeholder")).as("a terminal operation carries its outcome only").isFalse();
        });
    }

    @Test
    void tokenFromTheLocalIssuerPassesTheProductionGateThatAnonymousCallersCannot() {
        String token = ContractJson.mapper().readTree(Http.postJson(stack.baseUrl() + "/local/tokens",
                "{\"subject\":\"release-manager\",\"role\":\"Developer_prod_access\",\"tenant\":\"acme\"}").body())
                .get("access_token").asString();
        String deploy = """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"deploy_service",
                 "arguments":{"service":"payments","version":"5.0.0","environment":"production"}}}""";

        JsonNode anonymous = ContractJson.mapper().readTree(Http.postJson(stack.mcpUrl(), deploy).body());
        JsonNode authorized = ContractJson.mapper().readTree(Http.send(HttpRequest.newBuilder(
                        URI.create(stack.mcpUrl())).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(deploy))).body());

        assertThat(anonymous.get("result").get("isError").asBoolean()).isTrue();
        assertThat(anonymous.get("result").get("content").get(0).get("text").asString())
                .contains("permission_denied");
        String id = authorized.get("result").get("structuredContent").get("operation_id").asString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.send(HttpRequest
                .newBuilder(URI.create(stack.baseUrl() + "/api/v1/operations/" + id))
                .header("Authorization", "Bearer " + token).GET()).body()).contains("\"status\":\"succeeded\""));
        assertThat(Http.get(stack.baseUrl() + "/api/v1/operations/" + id).statusCode())
                .as("anonymous callers act in another tenant").isEqualTo(404);
    }

    @Test
    void localStackListensOnLoopbackOnly() {
        assertThat(stack.baseUrl()).startsWith("http://127.0.0.1:");
    }
}
