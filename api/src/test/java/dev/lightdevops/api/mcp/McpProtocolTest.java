package dev.lightdevops.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.common.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Both MCP eras on one stateless endpoint, over real HTTP against a real api and broker: shapes and refusals. */
class McpProtocolTest {

    private static ConfigurableApplicationContext api;
    private static String url;
    private static McpExchange mcp;

    @BeforeAll
    static void startApi() {
        api = ApiTestContexts.start();
        url = ApiTestContexts.baseUrl(api) + "/mcp";
        mcp = new McpExchange(url);
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void initializeNegotiatesTheLegacyVersionWithoutASession() {
        McpExchange.Reply reply = mcp.raw(HttpRequest.newBuilder(), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.result().get("protocolVersion").asString()).isEqualTo("2025-06-18");
        assertThat(reply.result().get("capabilities").get("tasks").get("requests").get("tools").has("call")).isTrue();
        assertThat(reply.result().get("capabilities").get("resources").get("subscribe").asBoolean()).isFalse();
        assertThat(reply.result().get("instructions").asString()).contains("placeholder").contains("get_operation");
    }

    @Test
    void initializeAskingForAnUnknownVersionGetsTheLatestLegacyOne() {
        McpExchange.Reply reply = mcp.raw(HttpRequest.newBuilder(), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2030-01-01",
                 "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");

        assertThat(reply.result().get("protocolVersion").asString()).isEqualTo("2025-11-25");
    }

    @Test
    void initializeWithoutAStringProtocolVersionIsInvalidParamsNotAnInternalError() {
        McpExchange.Reply missing = mcp.raw(HttpRequest.newBuilder(),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}");
        McpExchange.Reply wrongType = mcp.raw(HttpRequest.newBuilder(), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":5,
                 "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");

        assertThat(missing.errorCode()).isEqualTo(-32602);
        assertThat(missing.errorMessage()).contains("protocolVersion");
        assertThat(wrongType.errorCode()).isEqualTo(-32602);
    }

    @Test
    void aTaskListCursorNearTheIntegerLimitNeverYieldsANegativeNextCursor() {
        JsonNode result = mcp.legacy("tasks/list", "\"cursor\":\"2147483647\"").result();

        assertThat(result.get("tasks").isEmpty()).isTrue();
        assertThat(result.has("nextCursor")).isFalse();
    }

    @Test
    void discoverAdvertisesBothEraVersionsAndTheTasksExtension() {
        JsonNode result = mcp.modern("server/discover", null, "").result();

        assertThat(result.get("supportedVersions").toString()).contains("2026-07-28", "2025-11-25");
        assertThat(result.get("capabilities").get("extensions").has("io.modelcontextprotocol/tasks")).isTrue();
        assertThat(result.get("capabilities").has("tasks")).isFalse();
        assertThat(result.get("resultType").asString()).isEqualTo("complete");
        assertThat(result.get("_meta").get("io.modelcontextprotocol/serverInfo").get("name").asString())
                .isEqualTo("light-devops-mcp");
        assertThat(result.get("ttlMs").asLong()).isPositive();
        assertThat(result.get("instructions").asString()).contains("operation");
    }

    @Test
    void modernToolsListCarriesCacheHintsAndNoLegacyExecutionField() {
        JsonNode result = mcp.modern("tools/list", null, "").result();

        assertThat(result.get("cacheScope").asString()).isEqualTo("private");
        assertThat(result.has("ttlMs")).isTrue();
        JsonNode deploy = tool(result, "deploy_service");
        assertThat(deploy.get("annotations").get("destructiveHint").asBoolean()).isTrue();
        assertThat(deploy.has("execution")).isFalse();
    }

    @Test
    void legacyToolsListMarksLongToolsAsOptionalTasksAndReadsAsReadOnly() {
        JsonNode result = mcp.legacy("tools/list", "").result();

        assertThat(tool(result, "deploy_service").get("execution").get("taskSupport").asString())
                .isEqualTo("optional");
        JsonNode read = tool(result, "get_operation");
        assertThat(read.get("annotations").get("readOnlyHint").asBoolean()).isTrue();
        assertThat(read.get("execution").get("taskSupport").asString()).isEqualTo("forbidden");
        assertThat(result.has("resultType")).isFalse();
    }

    @Test
    void everyToolHasATitleAndAllFourAnnotationsStatedForItInBothEras() {
        for (JsonNode result : new JsonNode[] {mcp.legacy("tools/list", "").result(),
                mcp.modern("tools/list", null, "").result()}) {
            for (JsonNode tool : result.get("tools")) {
                String name = tool.get("name").asString();
                JsonNode annotations = tool.get("annotations");
                assertThat(tool.get("title").asString()).as(name).isNotBlank();
                assertThat(annotations.get("title").asString()).as(name).isEqualTo(tool.get("title").asString());
                assertThat(annotations.get("readOnlyHint").isBoolean()).as(name).isTrue();
                assertThat(annotations.get("idempotentHint").isBoolean()).as(name).isTrue();
                assertThat(annotations.get("openWorldHint").isBoolean()).as(name).isTrue();
                assertThat(annotations.has("destructiveHint")).as(name)
                        .isEqualTo(!annotations.get("readOnlyHint").asBoolean());
            }
        }
        JsonNode tools = mcp.legacy("tools/list", "").result();
        assertThat(tool(tools, "deploy_service").get("annotations").get("openWorldHint").asBoolean()).isTrue();
        assertThat(tool(tools, "deploy_service").get("annotations").get("idempotentHint").asBoolean()).isFalse();
        assertThat(tool(tools, "cancel_operation").get("annotations").get("idempotentHint").asBoolean()).isTrue();
        assertThat(tool(tools, "get_logs").get("annotations").get("openWorldHint").asBoolean()).isTrue();
        assertThat(tool(tools, "list_operations").get("annotations").get("openWorldHint").asBoolean()).isFalse();
    }

    @Test
    void theOperationIdIsCalledOperationIdWithIdStillAcceptedAsAnAlias() {
        JsonNode tools = mcp.legacy("tools/list", "").result();
        for (String name : new String[] {"get_operation", "cancel_operation"}) {
            JsonNode schema = tool(tools, name).get("inputSchema");
            assertThat(schema.get("required").get(0).asString()).as(name).isEqualTo("operation_id");
            assertThat(schema.get("properties").has("id")).as(name).isFalse();
        }
        String id = mcp.legacy("tools/call", """
                "name":"deploy_service","arguments":{"service":"naming","version":"1.0.0","environment":"staging"}""")
                .result().get("structuredContent").get("operation_id").asString();

        JsonNode byName = mcp.legacy("tools/call", "\"name\":\"get_operation\",\"arguments\":{\"operation_id\":\""
                + id + "\"}").result();
        JsonNode byAlias = mcp.legacy("tools/call", "\"name\":\"get_operation\",\"arguments\":{\"id\":\""
                + id + "\"}").result();
        JsonNode both = mcp.legacy("tools/call", "\"name\":\"get_operation\",\"arguments\":{\"id\":\"other\","
                + "\"operation_id\":\"" + id + "\"}").result();

        assertThat(byName.get("structuredContent").get("operation").get("id").asString()).isEqualTo(id);
        assertThat(byAlias.get("structuredContent").get("operation").get("id").asString()).isEqualTo(id);
        assertThat(both.get("isError").asBoolean()).isTrue();
    }

    @Test
    void anErrorResultEndsWithTheNextValidAction() {
        JsonNode refused = mcp.legacy("tools/call", """
                "name":"get_operation","arguments":{"operation_id":"no-such-operation"}""").result();

        assertThat(refused.get("isError").asBoolean()).isTrue();
        assertThat(McpResults.text(refused)).contains("No operation with id 'no-such-operation'.",
                "list_operations lists the operations you can see");
    }

    @Test
    void modernRequestWithoutClientCapabilitiesIsInvalidParamsWith400() {
        McpExchange.Reply reply = mcp.raw(HttpRequest.newBuilder().header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/list"), """
                {"jsonrpc":"2.0","id":"a","method":"tools/list",
                 "params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(-32602);
        assertThat(reply.errorMessage()).contains("clientCapabilities");
        assertThat(reply.json().get("id").asString()).isEqualTo("a");
    }

    @Test
    void protocolVersionHeaderThatDisagreesWithMetaIsAHeaderMismatch() {
        McpExchange.Reply reply = mcp.raw(HttpRequest.newBuilder().header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/list"), """
                {"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{
                 "io.modelcontextprotocol/protocolVersion":"v999","io.modelcontextprotocol/clientCapabilities":{}}}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(-32020);
    }

    @Test
    void unsupportedVersionListsTheSupportedOnes() {
        McpExchange.Reply reply = mcp.raw(HttpRequest.newBuilder().header("MCP-Protocol-Version", "1900-01-01")
                .header("Mcp-Method", "tools/list"), """
                {"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{
                 "io.modelcontextprotocol/protocolVersion":"1900-01-01","io.modelcontextprotocol/clientCapabilities":{}}}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(-32022);
        assertThat(reply.json().get("error").get("data").get("supported").toString()).contains("2026-07-28");
        assertThat(reply.json().get("error").get("data").get("requested").asString()).isEqualTo("1900-01-01");
    }

    @Test
    void mcpMethodHeaderMustMatchTheBody() {
        McpExchange.Reply reply = mcp.raw(HttpRequest.newBuilder().header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tasks/get"), """
                {"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{
                 "io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(-32020);
        assertThat(reply.errorMessage()).contains("Mcp-Method");
    }

    @Test
    void mcpNameHeaderIsRequiredOnToolsCallAndMayBeBase64Encoded() {
        McpExchange.Reply missing = mcp.modern("tools/call", null, "\"name\":\"get_operation\",\"arguments\":{}");
        McpExchange.Reply encoded = mcp.modern("tools/call", "=?base64?Z2V0X29wZXJhdGlvbg==?=",
                "\"name\":\"get_operation\",\"arguments\":{\"id\":\"nope\"}");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo(-32020);
        assertThat(encoded.status()).isEqualTo(200);
        assertThat(encoded.result().get("isError").asBoolean()).isTrue();
    }

    @Test
    void legacyOnlyMethodsAreNotFoundWith404InTheModernEra() {
        McpExchange.Reply ping = mcp.modern("ping", null, "");
        McpExchange.Reply result = mcp.modern("tasks/result", null, "\"taskId\":\"x\"",
                "{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}");

        assertThat(ping.status()).isEqualTo(404);
        assertThat(ping.errorCode()).isEqualTo(-32601);
        assertThat(result.status()).isEqualTo(404);
        assertThat(result.errorMessage()).contains("tasks/get");
    }

    @Test
    void modernTaskMethodsNeedTheTasksExtensionDeclared() {
        McpExchange.Reply reply = mcp.modern("tasks/get", "some-id", "\"taskId\":\"some-id\"");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(-32021);
        assertThat(reply.json().get("error").get("data").get("requiredCapabilities").get("extensions")
                .has("io.modelcontextprotocol/tasks")).isTrue();
    }

    @Test
    void unknownTaskIsInvalidParamsInBothEras() {
        McpExchange.Reply modern = mcp.modern("tasks/get", "missing", "\"taskId\":\"missing\"",
                "{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}");
        McpExchange.Reply legacy = mcp.legacy("tasks/get", "\"taskId\":\"missing\"");

        assertThat(modern.errorCode()).isEqualTo(-32602);
        assertThat(legacy.errorCode()).isEqualTo(-32602);
        assertThat(legacy.errorMessage()).contains("missing");
    }

    @Test
    void notificationsAndClientResponsesAreAcceptedWith202() {
        McpExchange.Reply notification = mcp.raw(HttpRequest.newBuilder(),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        assertThat(notification.status()).isEqualTo(202);
        assertThat(notification.text()).isEmpty();
    }

    @Test
    void getAndDeleteAre405BecauseThereAreNoSessions() {
        assertThat(Http.get(url).statusCode()).isEqualTo(405);
        assertThat(Http.send(HttpRequest.newBuilder(URI.create(url)).DELETE()).statusCode()).isEqualTo(405);
    }

    @Test
    void clientThatAcceptsNeitherJsonNorSseIsTold406() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.body()).contains("Accept: application/json, text/event-stream");
    }

    @Test
    void foreignOriginIsForbidden() {
        McpExchange.Reply evil = mcp.raw(HttpRequest.newBuilder().header("Origin", "http://evil.example.com"),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        McpExchange.Reply local = mcp.raw(HttpRequest.newBuilder().header("Origin", "http://localhost:6274"),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");

        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.errorMessage()).contains("evil.example.com");
        assertThat(local.status()).isEqualTo(200);
    }

    @Test
    void batchesAreRefusedOutside20250326AndServedThere() {
        String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}]";

        McpExchange.Reply refused = mcp.raw(HttpRequest.newBuilder().header("MCP-Protocol-Version", "2025-11-25"),
                batch);
        McpExchange.Reply served = mcp.raw(HttpRequest.newBuilder().header("MCP-Protocol-Version", "2025-03-26"),
                batch);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(-32600);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json().size()).isEqualTo(2);
        assertThat(served.json().get(1).get("error").get("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void malformedMessagesAreClearErrorsNever500() {
        assertThat(mcp.raw(HttpRequest.newBuilder(), "{not json").errorCode()).isEqualTo(-32700);
        assertThat(mcp.raw(HttpRequest.newBuilder(), "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}")
                .errorCode()).isEqualTo(-32600);
        assertThat(mcp.raw(HttpRequest.newBuilder(), "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}")
                .errorCode()).isEqualTo(-32600);
        assertThat(mcp.raw(HttpRequest.newBuilder(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\","
                + "\"params\":[1]}").errorCode()).isEqualTo(-32602);
        McpExchange.Reply unknownTool = mcp.legacy("tools/call", "\"name\":\"drop_database\"");
        assertThat(unknownTool.errorCode()).isEqualTo(-32602);
        assertThat(unknownTool.errorMessage()).contains("tools/list");
        assertThat(mcp.legacy("logging/setLevel", "\"level\":\"loud\"").errorCode()).isEqualTo(-32602);
        assertThat(mcp.legacy("resources/read", "\"uri\":\"devops://nothing/here\"").errorCode()).isEqualTo(-32002);
        assertThat(mcp.modern("resources/read", "devops://nothing/here", "\"uri\":\"devops://nothing/here\"")
                .errorCode()).isEqualTo(-32602);
    }

    @Test
    void promptsFillTheirArgumentsAndRefuseMissingRequiredOnes() {
        JsonNode listed = mcp.modern("prompts/list", null, "").result();
        JsonNode prompt = mcp.legacy("prompts/get", """
                "name":"deploy-service","arguments":{"service":"billing","version":"3.0.1","environment":"staging"}""")
                .result();
        McpExchange.Reply missing = mcp.legacy("prompts/get", "\"name\":\"deploy-service\",\"arguments\":{}");

        assertThat(listed.get("prompts").toString()).contains("deploy-service", "investigate-service");
        assertThat(listed.get("cacheScope").asString()).isEqualTo("public");
        assertThat(prompt.get("messages").get(0).get("content").get("text").asString())
                .contains("Deploy billing version 3.0.1 to staging.").contains("get_operation");
        assertThat(missing.errorCode()).isEqualTo(-32602);
        assertThat(missing.errorMessage()).contains("'service'");
    }

    private static JsonNode tool(JsonNode toolsList, String name) {
        for (JsonNode tool : toolsList.get("tools")) {
            if (tool.get("name").asString().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name + " in " + toolsList);
    }
}
