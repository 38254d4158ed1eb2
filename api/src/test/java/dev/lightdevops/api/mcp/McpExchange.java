package dev.lightdevops.api.mcp;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Raw MCP exchanges over real HTTP, in either era, with the headers a conforming client sends. */
final class McpExchange {

    static final String MODERN_META = """
            "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",
             "io.modelcontextprotocol/clientCapabilities":%s,
             "io.modelcontextprotocol/clientInfo":{"name":"test","version":"1"}}""";

    private final String url;

    McpExchange(String url) {
        this.url = url;
    }

    /** A 2025-11-25 request, without session (the server keeps none). */
    Reply legacy(String method, String params) {
        return post(HttpRequest.newBuilder(URI.create(url)).header("MCP-Protocol-Version", "2025-11-25"),
                body(method, params));
    }

    /** A 2026-07-28 request: _meta claim, MCP-Protocol-Version, Mcp-Method and (when given) Mcp-Name headers. */
    Reply modern(String method, String name, String params, String capabilities) {
        String withMeta = params.isBlank() ? MODERN_META.formatted(capabilities)
                : params + "," + MODERN_META.formatted(capabilities);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method);
        if (name != null) {
            request.header("Mcp-Name", name);
        }
        return post(request, body(method, withMeta));
    }

    Reply modern(String method, String name, String params) {
        return modern(method, name, params, "{}");
    }

    Reply raw(HttpRequest.Builder request, String body) {
        return post(request, body);
    }

    private static String body(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"" + method + "\",\"params\":{" + params + "}}";
    }

    private Reply post(HttpRequest.Builder request, String body) {
        HttpResponse<String> response = Http.send(request.uri(URI.create(url))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        return new Reply(response.statusCode(), response.body(),
                response.body().isBlank() || !response.body().trim().startsWith("{") && !response.body().trim()
                        .startsWith("[") ? null : ContractJson.mapper().readTree(response.body()));
    }

    record Reply(int status, String text, JsonNode json) {

        JsonNode result() {
            return json.get("result");
        }

        int errorCode() {
            return json.get("error").get("code").asInt();
        }

        String errorMessage() {
            return json.get("error").get("message").asString();
        }
    }
}
