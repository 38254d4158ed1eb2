package dev.lightdevops.api.identity;

import dev.lightdevops.api.mcp.McpResults;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Calls tools on a running api over real HTTP, with or without a bearer token. */
public record McpClient(String baseUrl) {

    public HttpResponse<String> post(String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }

    public HttpResponse<String> callRaw(String token, String tool, Map<String, Object> arguments) {
        return post(token, ContractJson.mapper().writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1,
                "method", "tools/call", "params", Map.of("name", tool, "arguments", arguments))));
    }

    /** The JSON-RPC response of a tools/call that must have been answered with HTTP 200. */
    public JsonNode call(String token, String tool, Map<String, Object> arguments) {
        HttpResponse<String> response = callRaw(token, tool, arguments);
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return ContractJson.mapper().readTree(response.body());
    }

    /** The tool's error code, or null when the tool answered without error. */
    public static String errorCode(JsonNode response) {
        JsonNode result = response.get("result");
        return result == null ? null : McpResults.errorCode(result);
    }

    public HttpResponse<String> get(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }
}
