package dev.lightdevops.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.TopicProbe;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The plain REST API over real HTTP against a real broker: tool calls, resource routes, errors, OpenAPI. */
class RestApiTest {

    private static ConfigurableApplicationContext api;
    private static String base;

    @BeforeAll
    static void startApi() {
        api = ApiTestContexts.start();
        base = ApiTestContexts.baseUrl(api);
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void withoutADatabaseTheHistoryRoutesAndListChangesSayNoHistoryIsKept() {
        HttpResponse<String> history = Http.get(base + "/api/v1/history");
        HttpResponse<String> changes = Http.postJson(base + "/api/v1/tools/list_changes", "{}");

        assertThat(history.statusCode()).isEqualTo(503);
        assertThat(json(history).get("detail").asString()).contains("no database is configured");
        assertThat(Http.get(base + "/api/v1/audit").statusCode()).isEqualTo(503);
        assertThat(changes.body()).contains("DATABASE_URL");
    }

    @Test
    void toolsAreListedWithTheirSchemas() {
        JsonNode tools = json(Http.get(base + "/api/v1/tools")).get("tools");

        assertThat(names(tools)).contains("deploy_service", "get_operation");
        assertThat(tools.get(0).has("input_schema")).isTrue();
    }

    @Test
    void deployThroughTheToolRouteIsAccepted202WithTheOperationToPoll() {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        HttpResponse<String> response = Http.postJson(base + "/api/v1/tools/deploy_service", """
                {"service":"billing","version":"3.1.0","environment":"staging"}""");

        assertThat(response.statusCode()).isEqualTo(202);
        String id = json(response).get("operation_id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/operations/" + id);
        assertThat(json(response).get("result").get("placeholder").asBoolean()).isTrue();
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before + 1);
        assertThat(Http.get(base + "/api/v1/operations/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void deploymentsRouteDeploysThroughTheSameTool() {
        HttpResponse<String> response = Http.postJson(base + "/api/v1/deployments", """
                {"service":"billing","version":"3.2.0","environment":"development"}""");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("operation").get("request").get("version").asString()).isEqualTo("3.2.0");
    }

    @Test
    void invalidArgumentsAreAProblem400AndPublishNothing() {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        HttpResponse<String> response = Http.postJson(base + "/api/v1/tools/deploy_service", """
                {"service":"billing","environment":"staging"}""");

        assertProblem(response, 400, "invalid-argument");
        assertThat(json(response).get("detail").asString()).contains("version");
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void productionWithoutTheRoleIsAProblem403() {
        assertProblem(Http.postJson(base + "/api/v1/tools/deploy_service", """
                {"service":"billing","version":"1.0.0","environment":"production"}"""), 403, "permission-denied");
    }

    @Test
    void unknownToolIsAProblem404() {
        assertProblem(Http.postJson(base + "/api/v1/tools/launch_rocket", "{}"), 404, "unknown-tool");
    }

    @Test
    void malformedBodyIsAProblem400() {
        HttpResponse<String> response = Http.postJson(base + "/api/v1/tools/deploy_service", "{\"service\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void logsRouteCallsGetLogs() {
        HttpResponse<String> response = Http.get(base + "/api/v1/logs?service=billing&limit=5");

        assertThat(response.statusCode()).isIn(200, 202);
    }

    @Test
    void whoamiDescribesTheCaller() {
        JsonNode me = json(Http.get(base + "/api/v1/whoami"));

        assertThat(me.get("principal").asString()).isEqualTo("anonymous");
        assertThat(me.get("roles").get(0).asString()).isEqualTo("Developer");
        assertThat(me.get("anonymous").asBoolean()).isTrue();
    }

    @Test
    void aPlainGetOfAMutatingSeedAliasStartsNothing() {
        // A GET can come from any web page (an <img> tag): in anonymous local mode it must not deploy.
        HttpResponse<String> deploy = Http.get(base
                + "/postMcpToolsDeployService?service=cross-site-get&version=6.6.6&environment=staging");
        HttpResponse<String> rollback = Http.get(base
                + "/postMcpToolsRollbackDeployment?service=cross-site-get&environment=staging&reason=from+a+web+page");

        assertThat(deploy.statusCode()).isEqualTo(405);
        assertThat(rollback.statusCode()).isEqualTo(405);
        assertThat(json(Http.get(base + "/api/v1/operations?service=cross-site-get")).get("operations").isEmpty())
                .isTrue();
    }

    @Test
    void openApiDocumentIs31WithUniqueStableOperationIds() {
        JsonNode document = json(Http.get(base + "/v3/api-docs"));

        assertThat(document.get("openapi").asString()).startsWith("3.1");
        List<String> ids = new ArrayList<>(document.findValuesAsString("operationId"));
        assertThat(ids).doesNotHaveDuplicates().contains("listTools", "callTool", "deployService", "getLogs",
                "getMetrics", "listDeployments", "rollbackDeployment", "whoami", "get", "getHealth",
                "getMcpResources", "getMcpResourcesLogs", "getMcpResourcesMetrics", "getMcpTools",
                "postMcpToolsDeployService", "postMcpToolsRollbackDeployment", "postMcpToolsAuthenticateUser");
        assertThat(ids).noneMatch(id -> id.matches(".*_\\d+$"));
        assertThat(document.get("paths").has("/getMcpResourcesLogs")).isFalse();
    }

    @Test
    void rootAnswersJsonToProgramsAndTheDashboardToBrowsers() {
        HttpResponse<String> asJson = Http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Accept", "application/json"));
        HttpResponse<String> byDefault = Http.get(base + "/");
        HttpResponse<String> asBrowser = Http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));

        assertThat(json(asJson).get("name").asString()).isEqualTo("light-devops-mcp");
        assertThat(json(asJson).get("mcp_endpoint").asString()).isEqualTo("/mcp");
        assertThat(json(byDefault).get("name").asString()).isEqualTo("light-devops-mcp");
        assertThat(asBrowser.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(asBrowser.body()).contains("/dashboard/dashboard.js");
        assertThat(Http.get(base + "/dashboard/dashboard.js").statusCode()).isEqualTo(200);
    }

    /** The {@code name} of each element (not of nested schemas, some of which have a property called name). */
    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(element -> names.add(element.get("name").asString()));
        return names;
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(json(response).get("type").asString()).endsWith("/" + type);
        assertThat(json(response).get("status").asInt()).isEqualTo(status);
    }

    static JsonNode json(HttpResponse<String> response) {
        return ContractJson.mapper().readTree(response.body());
    }
}
