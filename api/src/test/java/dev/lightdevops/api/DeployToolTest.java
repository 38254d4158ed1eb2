package dev.lightdevops.api;

import dev.lightdevops.api.mcp.McpResults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.TopicProbe;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The deploy tool over real HTTP against a real broker: what is answered, and what reaches Kafka. */
class DeployToolTest {

    private static ConfigurableApplicationContext api;
    private static String mcp;

    @BeforeAll
    static void startApi() {
        api = ApiTestContexts.start();
        mcp = ApiTestContexts.baseUrl(api) + "/mcp";
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void acceptedDeployIsAnsweredWithAQueuedOperationAndAPlaceholderAfterItsCommandIsDurable() {
        JsonNode result = callTool("""
                {"service":"checkout","version":"1.4.2","environment":"staging"}""").get("result");

        assertThat(result.get("isError").asBoolean()).isFalse();
        JsonNode structured = result.get("structuredContent");
        String id = structured.get("operation_id").asString();
        assertThat(structured.get("status").asString()).isEqualTo("queued");
        assertThat(structured.get("result").get("placeholder").asBoolean()).isTrue();

        Command command = TopicProbe.readAll(Topics.COMMANDS).stream()
                .filter(record -> "checkout@staging".equals(record.key()))
                .map(record -> ContractJson.read(record.value(), Command.class))
                .filter(c -> c.operation().id().equals(id))
                .findFirst().orElseThrow();
        assertThat(command.operation().request()).containsEntry("version", "1.4.2");
        assertThat(command.operation().requestedBy()).isEqualTo("anonymous");
    }

    @Test
    void pollRightAfterAcceptanceFindsTheOperation() {
        String id = callTool("""
                {"service":"search","version":"2.0.0","environment":"development"}""")
                .get("result").get("structuredContent").get("operation_id").asString();

        HttpResponse<String> poll = Http.get(ApiTestContexts.baseUrl(api) + "/api/v1/operations/" + id);

        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(poll.body()).contains("\"id\":\"" + id + "\"");
    }

    @Test
    void missingFieldIsAClearToolErrorAndPublishesNothing() {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        JsonNode result = callTool("""
                {"service":"checkout","environment":"staging"}""").get("result");

        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(result.get("content").get(0).get("text").asString()).contains("'version': is required");
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void unknownEnvironmentIsRefusedAndPublishesNothing() {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        JsonNode result = callTool("""
                {"service":"checkout","version":"1.0.0","environment":"qa-7"}""").get("result");

        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(McpResults.errorCode(result)).isEqualTo("invalid_argument");
        // clients validate structuredContent against the output schema, which describes success only
        assertThat(result.has("structuredContent")).isFalse();
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void aReasonThatCouldSpoofWhatIsShownIsRefusedAndPublishesNothing() {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        JsonNode override = callTool("""
                {"service":"checkout","version":"1.0.0","environment":"staging","reason":"ok \\u202Eyb devorppa"}""")
                .get("result");
        JsonNode surrogate = callTool("""
                {"service":"checkout","version":"1.0.0","environment":"staging","reason":"ok \\ud800"}""")
                .get("result");

        assertThat(McpResults.errorCode(override)).isEqualTo("invalid_argument");
        assertThat(override.toString()).contains("U+202E");
        assertThat(McpResults.errorCode(surrogate)).isEqualTo("invalid_argument");
        assertThat(surrogate.toString()).contains("unpaired surrogate");
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void productionIsRefusedForAnonymousDevelopersAndPublishesNothing() {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        JsonNode result = callTool("""
                {"service":"checkout","version":"1.0.0","environment":"production"}""").get("result");

        assertThat(McpResults.errorCode(result)).isEqualTo("permission_denied");
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void malformedJsonIsAParseErrorAndPublishesNothing() {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        HttpResponse<String> response = Http.postJson(mcp, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = ContractJson.mapper().readTree(response.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(-32700);
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void unknownOperationIsAProblemJson404() {
        HttpResponse<String> response = Http.get(ApiTestContexts.baseUrl(api) + "/api/v1/operations/unknown-id");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private static JsonNode callTool(String arguments) {
        HttpResponse<String> response = Http.postJson(mcp, """
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"deploy_service","arguments":%s}}"""
                .formatted(arguments));
        assertThat(response.statusCode()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body());
    }
}
