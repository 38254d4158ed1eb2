package dev.lightdevops.api.mcp;

import dev.lightdevops.api.security.Caller;
import dev.lightdevops.api.security.CallerResolver;
import dev.lightdevops.api.security.LimitExceededException;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolRegistry;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.api.tools.UnknownToolException;
import java.util.List;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP endpoint: stateless JSON-RPC 2.0 over {@code POST /mcp}. This is the minimal surface of the foundation
 * (initialize, ping, tools/list, tools/call); every malformed request gets a JSON-RPC error, never an HTTP 500.
 */
@RestController
class McpController {

    private static final Logger log = LoggerFactory.getLogger(McpController.class);
    private static final String PROTOCOL_VERSION = "2025-11-25";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final JsonMapper json;
    private final ToolRegistry tools;
    private final CallerResolver callers;

    McpController(JsonMapper json, ToolRegistry tools, CallerResolver callers) {
        this.json = json;
        this.tools = tools;
        this.callers = callers;
    }

    @PostMapping(path = "/mcp", produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<Object>> handle(@RequestBody(required = false) String body,
            HttpServletRequest http) {
        JsonNode message;
        try {
            message = json.readTree(body == null ? "" : body);
        } catch (JacksonException malformed) {
            return badRequest(JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: the body is not valid JSON"));
        }
        if (message == null || !message.isObject() || !"2.0".equals(text(message, "jsonrpc"))
                || text(message, "method") == null) {
            return badRequest(JsonRpc.error(idOf(message), JsonRpc.INVALID_REQUEST,
                    "Invalid request: expected a JSON-RPC 2.0 object with \"jsonrpc\": \"2.0\" and a string method"));
        }
        if (!message.has("id")) {
            return CompletableFuture.completedFuture(ResponseEntity.accepted().build());
        }
        Object id = json.treeToValue(message.get("id"), Object.class);
        Caller caller = callers.resolve(http);
        try {
            return dispatch(text(message, "method"), message.get("params"), caller)
                    .thenApply(result -> ok(JsonRpc.result(id, result)))
                    .exceptionally(failure -> rpcError(id, failure));
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(rpcError(id, failure));
        }
    }

    private CompletableFuture<Object> dispatch(String method, JsonNode params, Caller caller) {
        return switch (method) {
            case "initialize" -> CompletableFuture.completedFuture(initializeResult());
            case "ping" -> CompletableFuture.completedFuture(Map.of());
            case "tools/list" -> CompletableFuture.completedFuture(Map.of("tools", listTools()));
            case "tools/call" -> callTool(params, caller);
            default -> throw new JsonRpcException(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method);
        };
    }

    private CompletableFuture<Object> callTool(JsonNode params, Caller caller) {
        if (params == null || !params.isObject() || text(params, "name") == null) {
            throw new JsonRpcException(JsonRpc.INVALID_PARAMS, "tools/call needs params with a string \"name\"");
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw new JsonRpcException(JsonRpc.INVALID_PARAMS, "tools/call \"arguments\" must be an object");
        }
        Map<String, Object> args = arguments == null || arguments.isNull() ? Map.of()
                : json.convertValue(arguments, OBJECT);
        try {
            return tools.call(text(params, "name"), args, caller).thenApply(McpController::callToolResult);
        } catch (UnknownToolException unknown) {
            throw new JsonRpcException(JsonRpc.INVALID_PARAMS, unknown.getMessage());
        }
    }

    private List<Map<String, Object>> listTools() {
        return tools.all().stream().map(ToolHandler::definition).map(tool -> {
            Map<String, Object> listed = new LinkedHashMap<>();
            listed.put("name", tool.name());
            listed.put("title", tool.title());
            listed.put("description", tool.description());
            listed.put("inputSchema", tool.inputSchema());
            listed.put("outputSchema", tool.outputSchema());
            listed.put("annotations", tool.mutating()
                    ? Map.of("destructiveHint", true, "readOnlyHint", false)
                    : Map.of("readOnlyHint", true));
            return listed;
        }).toList();
    }

    private static Object callToolResult(ToolResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", List.of(Map.of("type", "text", "text", result.text())));
        body.put("structuredContent", result.structured());
        body.put("isError", result.error());
        return body;
    }

    private static Map<String, Object> initializeResult() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("protocolVersion", PROTOCOL_VERSION);
        result.put("capabilities", Map.of("tools", Map.of("listChanged", false)));
        result.put("serverInfo", Map.of("name", "light-devops-mcp", "version", "0.1.0"));
        result.put("instructions", "Mutating tools answer at once with an operation id and a placeholder result. "
                + "Poll get_operation with that id until its status is terminal.");
        return result;
    }

    private ResponseEntity<Object> rpcError(Object id, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof JsonRpcException rpc) {
            return ok(JsonRpc.error(id, rpc.code(), rpc.getMessage()));
        }
        if (cause instanceof LimitExceededException limited) {
            return ok(JsonRpc.error(id, JsonRpc.LIMIT_EXCEEDED, limited.getMessage(), Map.of("reason", limited.code(),
                    "retry_after_seconds", limited.retryAfterSeconds())));
        }
        log.error("tools/call failed unexpectedly", cause);
        return ok(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private Object idOf(JsonNode message) {
        JsonNode id = message != null && message.isObject() ? message.get("id") : null;
        return id == null || !(id.isString() || id.isNumber()) ? null : json.treeToValue(id, Object.class);
    }

    private static ResponseEntity<Object> ok(Object body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static CompletableFuture<ResponseEntity<Object>> badRequest(Object body) {
        return CompletableFuture.completedFuture(
                ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON).body(body));
    }
}
