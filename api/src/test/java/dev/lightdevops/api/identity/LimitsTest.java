package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.observability.Redaction;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.TopicProbe;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Per-principal limits and body size on an api with tight limits (no worker runs here, so an accepted deploy stays
 * queued and counts as active), and secrets kept out of the logs even with request details logged at TRACE.
 */
@ExtendWith(OutputCaptureExtension.class)
class LimitsTest {

    private static TestIssuer issuer;
    private static ConfigurableApplicationContext api;
    private static McpClient client;

    @BeforeAll
    static void start() {
        issuer = new TestIssuer();
        api = ApiTestContexts.start(Stream.concat(Arrays.stream(issuer.apiArguments()), Stream.of(
                "--devops.limits.mutating-calls=2", "--devops.limits.mutating-calls-period=1h",
                "--devops.limits.max-active-operations=1", "--devops.limits.max-request-body=2KB",
                "--devops.limits.fetch-calls=2", "--devops.limits.fetch-calls-period=1h",
                "--spring.mvc.log-request-details=true",
                "--logging.level.org.springframework.web.servlet.DispatcherServlet=TRACE",
                "--logging.level.org.springframework.security=TRACE")).toArray(String[]::new));
        client = new McpClient(ApiTestContexts.baseUrl(api));
    }

    @AfterAll
    static void stop() {
        api.close();
        issuer.close();
    }

    @Test
    void beyondTheActiveCapThenBeyondTheRateCallsAreRefusedWithRetryAfterAndPublishNothing() {
        String token = issuer.token("busy-bee", "Developer", "limits");
        Map<String, Object> deploy = Map.of("service", "hive", "version", "1.0.0", "environment", "staging");
        JsonNode first = client.call(token, "deploy_service", deploy);
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        JsonNode second = client.call(token, "deploy_service", deploy);
        JsonNode third = client.call(token, "deploy_service", deploy);

        assertThat(McpClient.errorCode(first)).isNull();
        assertThat(second.get("error").get("data").get("reason").asString()).isEqualTo("too_many_operations");
        assertThat(third.get("error").get("data").get("reason").asString()).isEqualTo("rate_limited");
        assertThat(third.get("error").get("data").get("retry_after_seconds").asLong()).isPositive();
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void logsAreReadWhileTheCallersDeploysFillTheCapAndFetchesHaveARateLimitOfTheirOwn() {
        String token = issuer.token("log-reader", "Developer", "limits");
        JsonNode deploy = client.call(token, "deploy_service",
                Map.of("service", "busy", "version", "1.0.0", "environment", "staging"));
        JsonNode anotherDeploy = client.call(token, "deploy_service",
                Map.of("service", "busy", "version", "1.0.1", "environment", "staging"));

        JsonNode logs = client.call(token, "get_logs", Map.of("service", "busy"));
        JsonNode metrics = client.call(token, "get_metrics", Map.of("service", "busy"));
        JsonNode thirdFetch = client.call(token, "get_logs", Map.of("service", "busy", "level", "error"));

        assertThat(McpClient.errorCode(deploy)).isNull();
        assertThat(anotherDeploy.get("error").get("data").get("reason").asString()).isEqualTo("too_many_operations");
        assertThat(logs.has("error")).as(logs.toString()).isFalse();
        assertThat(McpClient.errorCode(logs)).isNull();
        assertThat(metrics.has("error")).as(metrics.toString()).isFalse();
        assertThat(McpClient.errorCode(metrics)).isNull();
        assertThat(thirdFetch.get("error").get("data").get("reason").asString()).isEqualTo("rate_limited");
        assertThat(thirdFetch.get("error").get("message").asString()).contains("log and metric fetches");
    }

    @Test
    void readsAreNotRateLimited() {
        String token = issuer.token("reader", "Observer", "limits");
        for (int call = 0; call < 5; call++) {
            assertThat(McpClient.errorCode(client.call(token, "authenticate_user", Map.of()))).isNull();
        }
    }

    @Test
    void oversizedBodyIs413WithAProblemWhetherItsLengthIsDeclaredOrNot() {
        String token = issuer.token("big-mouth", "Developer", "limits");
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"padding\":\"" + "x".repeat(4096) + "\"}";

        HttpResponse<String> declared = client.post(token, body);
        HttpResponse<String> chunked = Http.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes()))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("payload-too-large");
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void smallChunkedBodyStillGoesThrough() {
        String token = issuer.token("small-talk", "Observer", "limits");
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"authenticate_user\"}}";

        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes()))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ContractJson.mapper().readTree(response.body()).get("result").get("structuredContent")
                .get("principal").asString()).isEqualTo("small-talk");
    }

    @Test
    void tokensKeysAndCookiesAppearInNoLogLine(CapturedOutput output) {
        String token = issuer.token("loud-logger", "Developer", "limits");
        String cookie = "session=c00kie-" + Long.toHexString(System.nanoTime());
        String apiKey = "dd-" + Long.toHexString(System.nanoTime()) + "-secretkey";

        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token).header("Cookie", cookie).header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"authenticate_user",
                         "arguments":{"token":"%s"}}}""".formatted(token))));
        HttpResponse<String> refused = client.callRaw(token + "tampered", "deploy_service", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(output.getAll()).contains("Authorization").contains(Redaction.MASK)
                .doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(cookie).doesNotContain(apiKey);
    }
}
