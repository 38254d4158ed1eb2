package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.testing.TopicProbe;
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
    void aProductionDeployWaitsForASecondPersonsApprovalThenRunsOnceAndAnonymousCallersCannotStartOne() {
        String alice = localToken("alice", "Developer_prod_access");
        String bob = localToken("bob", "Release_manager");
        String deploy = """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"deploy_service",
                 "arguments":{"service":"payments","version":"5.0.0","environment":"production"}}}""";

        JsonNode anonymous = ContractJson.mapper().readTree(Http.postJson(stack.mcpUrl(), deploy).body());
        JsonNode accepted = ContractJson.mapper().readTree(Http.send(HttpRequest.newBuilder(
                        URI.create(stack.mcpUrl())).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + alice)
                .POST(HttpRequest.BodyPublishers.ofString(deploy))).body()).get("result").get("structuredContent");
        String id = accepted.get("operation_id").asString();

        assertThat(anonymous.get("result").get("isError").asBoolean()).isTrue();
        assertThat(anonymous.get("result").get("content").get(0).get("text").asString())
                .contains("permission_denied");
        assertThat(accepted.get("status").asString()).isEqualTo("awaiting_approval");
        assertThat(commandsFor(id)).isZero();

        int approved = Http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/v1/operations/" + id
                        + ":approve")).header("Content-Type", "application/json").header("Authorization", "Bearer " + bob)
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"release window\"}"))).statusCode();

        assertThat(approved).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode operation = ContractJson.mapper().readTree(Http.send(HttpRequest.newBuilder(
                    URI.create(stack.baseUrl() + "/api/v1/operations/" + id))
                    .header("Authorization", "Bearer " + alice).GET()).body());
            assertThat(operation.get("status").asString()).isEqualTo("succeeded");
            assertThat(operation.get("attempt").asInt()).isEqualTo(1);
            assertThat(operation.get("approval").get("approvals").get(0).get("principal").asString())
                    .isEqualTo("bob");
        });
        assertThat(commandsFor(id)).isEqualTo(1);
        assertThat(Http.get(stack.baseUrl() + "/api/v1/operations/" + id).statusCode())
                .as("anonymous callers act in another tenant").isEqualTo(404);
    }

    private String localToken(String subject, String role) {
        return ContractJson.mapper().readTree(Http.postJson(stack.baseUrl() + "/local/tokens",
                "{\"subject\":\"" + subject + "\",\"role\":\"" + role + "\",\"tenant\":\"acme\"}").body())
                .get("access_token").asString();
    }

    private static long commandsFor(String id) {
        return TopicProbe.readAll(Topics.COMMANDS).stream()
                .map(record -> ContractJson.read(record.value(), Command.class))
                .filter(command -> command.operation().id().equals(id)).count();
    }

    @Test
    void localStackListensOnLoopbackOnly() {
        assertThat(stack.baseUrl()).startsWith("http://127.0.0.1:");
    }
}
