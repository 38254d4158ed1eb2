package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every route of the original server, called with the original's request shapes, against the whole stack. Routes
 * backed by a tool this build does not have yet answer a clear 503 problem with {@code success: false}; once the tool
 * exists they answer with its result and the operation id.
 */
class SeedRoutesTest {

    private static StandaloneApplication stack;
    private static String base;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StandaloneApplication.start("--server.port=0", "--devops.standalone.data-directory=target/stack-data",
                "--devops.standalone.kafka-bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.simulated-stage-duration=20ms", "--devops.compat.result-wait=20s");
        base = stack.baseUrl();
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void rootAndItsAliasDescribeTheServer() {
        for (HttpResponse<String> response : List.of(get("/", "application/json"), get("/get", "application/json"),
                post("/get", "{}"))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("name").asString()).isEqualTo("light-devops-mcp");
            assertThat(json(response).get("endpoints").get("health").asString()).isEqualTo("/health");
        }
    }

    @Test
    void healthIsHealthyOnceKafkaAnswersAndTheViewCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> health = get("/health", "application/json");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health).get("status").asString()).isEqualTo("healthy");
            assertThat(json(health).get("checks").get("kafka").asString()).isEqualTo("up");
        });
    }

    @Test
    void resourcesAndToolsAreListedUnderTheirRoutesAndAliases() {
        for (HttpResponse<String> response : List.of(get("/mcp/resources", "*/*"), post("/getMcpResources", "{}"))) {
            assertThat(json(response).get("resources").findValuesAsString("uri"))
                    .containsExactly("/mcp/resources/logs", "/mcp/resources/metrics");
        }
        for (HttpResponse<String> response : List.of(get("/mcp/tools", "*/*"), post("/getMcpTools", "{}"))) {
            assertThat(json(response).get("tools").findValuesAsString("endpoint")).containsExactly(
                    "/mcp/tools/deploy_service", "/mcp/tools/rollback_deployment", "/mcp/tools/authenticate_user");
        }
    }

    @Test
    void deployWithFlatSeedArgumentsIsAcceptedWithItsOperationIdAndSucceeds() {
        HttpResponse<String> response = post("/mcp/tools/deploy_service", """
                {"service_name":"legacy-web","version":"2.3.4","environment":"staging"}""");

        String id = assertAcceptedOperation(response);
        awaitStatus(id, "succeeded");
    }

    @Test
    void deployWithArgumentsNestedAndThroughTheGatewayAliasIsAccepted() {
        assertAcceptedOperation(post("/mcp/tools/deploy_service", """
                {"arguments":{"service_name":"legacy-api","version":"1.0.1","environment":"development"}}"""));
        String id = assertAcceptedOperation(post("/postMcpToolsDeployService", """
                {"params":{"arguments":{"service_name":"legacy-api","version":"1.0.2","environment":"development"}}}"""));
        awaitStatus(id, "succeeded");
    }

    @Test
    void everyGatewayAliasTheOriginalReadmeListsUnderMcpToolsIsServed() {
        assertThat(json(post("/mcp/tools/get", "{}")).get("name").asString()).isEqualTo("light-devops-mcp");
        assertThat(json(post("/mcp/tools/getMcpResources", "{}")).get("resources").size()).isEqualTo(2);
        assertThat(json(post("/mcp/tools/getMcpTools", "{}")).get("tools").size()).isEqualTo(3);
        assertThat(post("/mcp/tools/getMcpResourcesLogs", """
                {"params":{"arguments":{"level":"error","limit":10,"service":"checkout"}}}""").statusCode())
                .isIn(200, 202);
        assertThat(post("/mcp/tools/getMcpResourcesMetrics", """
                {"params":{"arguments":{"limit":5,"service":"checkout"}}}""").statusCode()).isIn(200, 202);
        assertAcceptedOperation(post("/mcp/tools/postMcpToolsDeployService", """
                {"params":{"arguments":{"service_name":"legacy-gw","version":"1.0.0","environment":"development"}}}"""));
        assertToolCall(post("/mcp/tools/postMcpToolsRollbackDeployment", """
                {"params":{"arguments":{"deployment_id":"legacy-gw@development","reason":"bad release",
                 "environment":"development"}}}"""));
        HttpResponse<String> whoami = post("/mcp/tools/postMcpToolsAuthenticateUser", "{\"params\":{\"arguments\":{}}}");
        assertThat(whoami.statusCode()).isEqualTo(200);
        assertThat(json(whoami).get("principal").asString()).isEqualTo("anonymous");
    }

    @Test
    void metricsTakeTheOriginalsLimitAndServiceAndKeepThatManyPointsPerSeries() {
        HttpResponse<String> response = get("/mcp/resources/metrics?limit=5&service=checkout", "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode series = json(response).get("data").get("series");
        assertThat(series.size()).isPositive();
        series.forEach(one -> assertThat(one.get("points").size()).isEqualTo(5));
        assertThat(get("/mcp/resources/metrics?limit=none", "application/json").statusCode()).isEqualTo(400);
    }

    @Test
    void anyResourceIsReadByItsUriPath() {
        String id = assertAcceptedOperation(post("/mcp/tools/deploy_service", """
                {"service_name":"legacy-path","version":"1.0.0","environment":"staging"}"""));

        HttpResponse<String> operation = get("/mcp/resources/operations/" + id, "application/json");
        HttpResponse<String> deployments = get("/mcp/resources/deployments", "application/json");
        HttpResponse<String> missing = get("/mcp/resources/nothing-here/at-all", "application/json");

        assertThat(operation.statusCode()).as(operation.body()).isEqualTo(200);
        assertThat(json(operation).get("uri").asString()).isEqualTo("devops://operations/" + id);
        assertThat(json(operation).get("data").get("id").asString()).isEqualTo(id);
        assertThat(deployments.statusCode()).isEqualTo(200);
        assertThat(json(deployments).get("data").has("deployments")).isTrue();
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("success").asBoolean()).isFalse();
    }

    @Test
    void refusedDeployIsAProblemAndNeverASuccess() {
        HttpResponse<String> response = post("/mcp/tools/deploy_service", """
                {"service_name":"legacy-web","version":"2.3.4","environment":"qa-7"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("success").asBoolean()).isFalse();
    }

    @Test
    void logsAndMetricsAnswerWithDataOrAnOperation() {
        assertFetch(get("/mcp/resources/logs?level=error&limit=10&since=1h&service=checkout", "*/*"));
        assertFetch(post("/getMcpResourcesLogs", """
                {"params":{"arguments":{"level":"error","limit":10,"service":"checkout"}}}"""));
        assertFetch(get("/mcp/resources/metrics?limit=5&service=checkout&metric_type=cpu&time_range=1h",
                "*/*"));
        assertFetch(post("/getMcpResourcesMetrics", """
                {"params":{"arguments":{"limit":5,"service":"checkout","metric_type":"cpu","time_range":"1h"}}}"""));
    }

    @Test
    void rollbackAndAuthenticateAnswerThroughTheirTools() {
        assertToolCall(post("/mcp/tools/rollback_deployment", """
                {"deployment_id":"legacy-web@staging","reason":"bad release","environment":"staging"}"""));
        assertToolCall(post("/postMcpToolsRollbackDeployment", """
                {"params":{"arguments":{"deployment_id":"legacy-web@staging","reason":"bad release",
                 "environment":"staging"}}}"""));
        assertToolCall(post("/mcp/tools/authenticate_user", "{}"));
        assertToolCall(post("/postMcpToolsAuthenticateUser", "{\"params\":{\"arguments\":{}}}"));
    }

    private static void assertFetch(HttpResponse<String> response) {
        JsonNode body = json(response);
        if (response.statusCode() == 200) {
            assertThat(body.get("success").asBoolean()).isTrue();
            assertThat(body.get("status").asString()).isEqualTo("succeeded");
            assertThat(body.has("data")).isTrue();
        } else {
            assertThat(body.get("success").asBoolean()).as(response.body()).isEqualTo(response.statusCode() < 300);
        }
        if (body.has("operation_id") || response.statusCode() != 400) {
            assertThat(body.get("operation_id").asString()).isNotBlank();
        }
    }

    private static void assertToolCall(HttpResponse<String> response) {
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).as(response.body()).isEqualTo(response.statusCode() < 300);
    }

    private static String assertAcceptedOperation(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("status").asString()).isEqualTo("queued");
        assertThat(body.get("placeholder").asBoolean()).isTrue();
        String id = body.get("operation_id").asString();
        assertThat(body.get("poll").asString()).isEqualTo("/api/v1/operations/" + id);
        return id;
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(get("/api/v1/operations/" + id, "application/json")).get("status").asString()).isEqualTo(status));
    }

    private static HttpResponse<String> get(String path, String accept) {
        return Http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    private static HttpResponse<String> post(String path, String body) {
        return Http.postJson(base + path, body);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ContractJson.mapper().readTree(response.body());
    }
}
