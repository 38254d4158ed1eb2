package dev.lightdevops.bench.drills;

import dev.lightdevops.bench.load.ApiClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The malformed and hostile requests of fault drill 3, one kind per entry: broken JSON, wrong types, oversized
 * bodies, deep nesting, unknown methods and tools, forged tokens asking for production. Each must be refused with a
 * 4xx or a JSON-RPC/tool error, and none may be accepted.
 */
final class HostileRequests {

    /** A named way to build the i-th hostile request. */
    record Kind(String name, BiFunction<ApiClient, Long, HttpRequest> build) {
    }

    private static final String FORGED_NONE = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0."
            + "eyJzdWIiOiJtYWxsb3J5Iiwicm9sZXMiOlsiRGV2ZWxvcGVyX3Byb2RfYWNjZXNzIl0sImV4cCI6NDEwMjQ0NDgwMH0.";
    private static final String FORGED_HS256 = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJzdWIiOiJtYWxsb3J5Iiwicm9sZXMiOlsiRGV2ZWxvcGVyX3Byb2RfYWNjZXNzIl0sImV4cCI6NDEwMjQ0NDgwMH0."
            + "c2lnbmVkLXdpdGgtYS1rZXktdGhlLXNlcnZlci1uZXZlci1oYWQ";
    private static final String HUGE = "x".repeat(1 << 20);
    private static final String DEEP = "[".repeat(100_000) + "]".repeat(100_000);

    private HostileRequests() {
    }

    static final List<Kind> KINDS = List.of(
            mcp("truncated JSON", i -> "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{"),
            mcp("not JSON", i -> "}{ not json at all " + i),
            mcp("empty body", i -> ""),
            mcp("empty JSON array", i -> "[]"),
            mcp("batch of invalid entries", i -> "[1,{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":7}]"),
            mcp("JSON scalar", i -> "\"hello\""),
            mcp("wrong jsonrpc version", i -> "{\"jsonrpc\":\"1.0\",\"id\":" + i + ",\"method\":\"ping\"}"),
            mcp("method is a number", i -> "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":42}"),
            mcp("params is a string", i -> call(i, "\"deploy_service\"")),
            mcp("arguments is an array", i -> "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"deploy_service\",\"arguments\":[1,2,3]}}"),
            mcp("service is a number", i -> deploy(i, "{\"service\":12,\"version\":\"1.0\",\"environment\":\"staging\"}")),
            mcp("unknown environment", i -> deploy(i, ApiClient.deployArguments("svc", "moon", "1.0"))),
            mcp("shell injection in version", i -> deploy(i, ApiClient.deployArguments("svc", "staging",
                    "1.0; rm -rf /"))),
            mcp("path traversal in service", i -> deploy(i, ApiClient.deployArguments("../../etc/passwd", "staging",
                    "1.0"))),
            mcp("unknown argument", i -> deploy(i, "{\"service\":\"svc\",\"version\":\"1.0\",\"environment\":"
                    + "\"staging\",\"__proto__\":{\"admin\":true}}")),
            mcp("unknown tool", i -> call(i, "{\"name\":\"drop_database\",\"arguments\":{}}")),
            mcp("unknown method", i -> "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/explode\"}"),
            mcp("get_operation of an unknown id", i -> call(i, "{\"name\":\"get_operation\",\"arguments\":"
                    + "{\"id\":\"00000000-0000-7000-8000-000000000000\"}}")),
            mcp("oversized body (1 MB reason)", i -> deploy(i, "{\"service\":\"svc\",\"version\":\"1.0\","
                    + "\"environment\":\"staging\",\"reason\":\"" + HUGE + "\"}")),
            mcp("deep nesting (100,000 levels)", i -> deploy(i, "{\"service\":\"svc\",\"version\":\"1.0\","
                    + "\"environment\":\"staging\",\"reason\":" + DEEP + "}")),
            new Kind("invalid UTF-8", (client, i) -> client.post("/mcp", "").POST(HttpRequest.BodyPublishers
                    .ofByteArray(new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}'})).build()),
            new Kind("production deploy, no token", (client, i) -> client.post("/mcp", production(i)).build()),
            new Kind("forged token (alg none) for production", (client, i) -> client.post("/mcp", production(i))
                    .setHeader("Authorization", "Bearer " + FORGED_NONE).build()),
            new Kind("forged token (bad HS256 signature) for production", (client, i) -> client.post("/mcp",
                    production(i)).setHeader("Authorization", "Bearer " + FORGED_HS256).build()),
            new Kind("REST: malformed wait", (client, i) -> client.get("/api/v1/operations/x?wait=forever",
                    Duration.ofSeconds(30)).build()),
            new Kind("REST: unknown operation", (client, i) -> client.get("/api/v1/operations/nope-" + i,
                    Duration.ofSeconds(30)).build()));

    private static Kind mcp(String name, java.util.function.LongFunction<String> body) {
        return new Kind(name, (client, i) -> client.post("/mcp", body.apply(i)).build());
    }

    private static String call(long id, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":" + params + "}";
    }

    private static String deploy(long id, String arguments) {
        return call(id, "{\"name\":\"deploy_service\",\"arguments\":" + arguments + "}");
    }

    private static String production(long id) {
        return deploy(id, ApiClient.deployArguments("payments", "production", "9.9.9"));
    }
}
