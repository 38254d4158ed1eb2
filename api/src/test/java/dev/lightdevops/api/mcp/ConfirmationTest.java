package dev.lightdevops.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.api.identity.McpClient;
import dev.lightdevops.api.identity.TestIssuer;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Production deploys are confirmed by the client's user where the client declared form elicitation (the default
 * policy), in each era's own way, over raw HTTP; clients without elicitation are not asked. The real npm clients,
 * with answers reaching another api instance, are in the standalone module's McpClientsTest.
 */
class ConfirmationTest {

    private static final String MODERN_META = """
            "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",
             "io.modelcontextprotocol/clientInfo":{"name":"t","version":"1"},
             "io.modelcontextprotocol/clientCapabilities":{"elicitation":{"form":{}}}}""";

    private static TestIssuer issuer;
    private static ConfigurableApplicationContext api;
    private static McpClient client;
    private static String alice;

    @BeforeAll
    static void start() {
        issuer = new TestIssuer();
        api = ApiTestContexts.start(issuer.apiArguments());
        client = new McpClient(ApiTestContexts.baseUrl(api));
        alice = issuer.token("alice", "Developer_prod_access", "confirm");
    }

    @AfterAll
    static void stop() {
        api.close();
        issuer.close();
    }

    @Test
    void modernClientsGetInputRequiredThenAcceptProceedsAndDeclineEndsWithAToolError() {
        String service = "modern-" + Math.abs(UUID.randomUUID().hashCode() % 10000);
        String arguments = "{\"service\":\"" + service + "\",\"version\":\"3.0.0\",\"environment\":\"production\"}";

        JsonNode first = modern("{" + MODERN_META + ",\"name\":\"deploy_service\",\"arguments\":" + arguments + "}");
        JsonNode question = first.get("inputRequests").get("confirm");
        String state = first.get("requestState").asString();

        assertThat(first.get("resultType").asString()).isEqualTo("input_required");
        assertThat(question.get("method").asString()).isEqualTo("elicitation/create");
        assertThat(question.get("params").get("requestedSchema").get("properties").get("version").get("default")
                .asString()).isEqualTo("3.0.0");
        assertThat(operationsOf(service)).isZero();

        JsonNode tampered = modern("{" + MODERN_META + ",\"name\":\"deploy_service\",\"arguments\":" + arguments
                + ",\"inputResponses\":{\"confirm\":{\"action\":\"accept\"}},\"requestState\":\"confirm.v1.forged\"}");
        JsonNode declined = modern("{" + MODERN_META + ",\"name\":\"deploy_service\",\"arguments\":" + arguments
                + ",\"inputResponses\":{\"confirm\":{\"action\":\"decline\"}},\"requestState\":\"" + state + "\"}");
        assertThat(tampered.get("resultType").asString()).isEqualTo("input_required");
        assertThat(declined.get("isError").asBoolean()).isTrue();
        assertThat(McpResults.text(declined)).contains("declined the confirmation", "nothing was deployed");
        assertThat(operationsOf(service)).isZero();

        JsonNode accepted = modern("{" + MODERN_META + ",\"name\":\"deploy_service\",\"arguments\":" + arguments
                + ",\"inputResponses\":{\"confirm\":{\"action\":\"accept\",\"content\":{\"service\":\"" + service
                + "\",\"version\":\"3.0.0\",\"environment\":\"production\",\"reason\":\"user says go\"}}},"
                + "\"requestState\":\"" + state + "\"}");
        assertThat(accepted.get("isError").asBoolean()).as(accepted.toString()).isFalse();
        assertThat(accepted.get("structuredContent").get("status").asString()).isEqualTo("awaiting_approval");
        assertThat(accepted.get("structuredContent").get("operation").get("request").get("reason").asString())
                .isEqualTo("user says go");
    }

    @Test
    void aChangedValueIsNotAConfirmation() {
        String service = "changed-" + Math.abs(UUID.randomUUID().hashCode() % 10000);
        String arguments = "{\"service\":\"" + service + "\",\"version\":\"3.0.0\",\"environment\":\"production\"}";
        String state = modern("{" + MODERN_META + ",\"name\":\"deploy_service\",\"arguments\":" + arguments + "}")
                .get("requestState").asString();

        JsonNode changed = modern("{" + MODERN_META + ",\"name\":\"deploy_service\",\"arguments\":" + arguments
                + ",\"inputResponses\":{\"confirm\":{\"action\":\"accept\",\"content\":{\"version\":\"3.0.1\"}}},"
                + "\"requestState\":\"" + state + "\"}");

        assertThat(changed.get("isError").asBoolean()).isTrue();
        assertThat(McpResults.text(changed)).contains("changed version to '3.0.1'");
        assertThat(operationsOf(service)).isZero();
    }

    @Test
    void legacyClientsThatDeclareElicitationAreAskedOnTheCallsStreamAndTheAnswerDecides() throws Exception {
        String session = initialize("{\"elicitation\":{}}");
        assertThat(initialize("{}")).as("no elicitation, no session id").isNull();
        String service = "legacy-" + Math.abs(UUID.randomUUID().hashCode() % 10000);

        try (Stream<String> lines = stream(session, service)) {
            Iterator<String> events = lines.filter(line -> line.startsWith("data:")).map(line -> line.substring(5))
                    .iterator();
            JsonNode question = ContractJson.mapper().readTree(events.next());
            assertThat(question.get("method").asString()).isEqualTo("elicitation/create");
            assertThat(question.get("params").get("message").asString()).contains("Confirm: deploy " + service);
            assertThat(operationsOf(service)).isZero();

            HttpResponse<String> answered = post(session, "{\"jsonrpc\":\"2.0\",\"id\":\""
                    + question.get("id").asString() + "\",\"result\":{\"action\":\"decline\"}}");
            JsonNode result = ContractJson.mapper().readTree(events.next()).get("result");

            assertThat(answered.statusCode()).isEqualTo(202);
            assertThat(result.get("isError").asBoolean()).isTrue();
            assertThat(McpResults.text(result)).contains("declined the confirmation");
        }
        assertThat(operationsOf(service)).isZero();
    }

    @Test
    void clientsWithoutElicitationAreNotAsked() {
        JsonNode answer = client.call(alice, "deploy_service", Map.of("service", "plain-client",
                "version", "1.0.0", "environment", "production"));

        assertThat(answer.get("result").get("structuredContent").get("status").asString())
                .isEqualTo("awaiting_approval");
    }

    private static JsonNode modern(String params) {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + alice).header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/call").header("Mcp-Name", "deploy_service")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                        + "\"params\":" + params + "}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body()).get("result");
    }

    private static String initialize(String capabilities) {
        HttpResponse<String> response = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":" + capabilities
                + ",\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("Mcp-Session-Id").orElse(null);
    }

    private static Stream<String> stream(String session, String service) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(client.baseUrl() + "/mcp"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + alice)
                    .header("Mcp-Session-Id", session).POST(HttpRequest.BodyPublishers.ofString("""
                            {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"deploy_service",
                             "arguments":{"service":"%s","version":"1.0.0","environment":"production"}}}"""
                            .formatted(service))).build(), HttpResponse.BodyHandlers.ofLines()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return Http.send(request);
    }

    private static int operationsOf(String service) {
        JsonNode listed = client.call(alice, "list_operations", Map.of("service", service));
        return listed.get("result").get("structuredContent").get("operations").size();
    }
}
