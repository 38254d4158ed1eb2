package dev.lightdevops.api.mcp;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.operations.CommandNotDurableException;
import dev.lightdevops.api.operations.DeployAcceptance;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.security.Caller;
import dev.lightdevops.api.security.PermissionDeniedException;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.common.tool.ToolCatalogue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * Runs MCP tool calls. A tool failure the agent can act on (bad arguments, missing permission, Kafka unavailable) is
 * a tool result with {@code isError: true}, so the model sees the reason; unknown tools are JSON-RPC errors.
 */
@Component
class McpTools {

    private final DeployAcceptance deploys;
    private final OperationView view;
    private final ApiProperties settings;

    McpTools(DeployAcceptance deploys, OperationView view, ApiProperties settings) {
        this.deploys = deploys;
        this.view = view;
        this.settings = settings;
    }

    List<Map<String, Object>> list() {
        return ToolCatalogue.tools().stream().map(tool -> {
            Map<String, Object> listed = new LinkedHashMap<>();
            listed.put("name", tool.name());
            listed.put("title", tool.title());
            listed.put("description", tool.description());
            listed.put("inputSchema", tool.inputSchema());
            listed.put("annotations", tool.mutating()
                    ? Map.of("destructiveHint", true, "readOnlyHint", false)
                    : Map.of("readOnlyHint", true));
            return listed;
        }).toList();
    }

    CompletableFuture<Map<String, Object>> call(String name, Map<String, Object> arguments, Caller caller) {
        try {
            return switch (name) {
                case ToolCatalogue.DEPLOY_SERVICE -> deploys.accept(arguments, caller)
                        .thenApply(this::accepted)
                        .exceptionally(failure -> toolError(unwrap(failure)));
                case ToolCatalogue.GET_OPERATION -> CompletableFuture.completedFuture(getOperation(arguments, caller));
                default -> throw new JsonRpcException(JsonRpc.INVALID_PARAMS, "unknown tool '" + name
                        + "'; tools/list names the tools you may call");
            };
        } catch (InvalidArgumentsException | PermissionDeniedException refused) {
            return CompletableFuture.completedFuture(toolError(refused));
        }
    }

    private Map<String, Object> accepted(Operation operation) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("operation_id", operation.id());
        structured.put("status", operation.status().wireName());
        structured.put("poll_interval_ms", settings.pollInterval().toMillis());
        structured.put("result", operation.placeholder());
        structured.put("operation", operation);
        String text = "Operation " + operation.id() + " is " + operation.status().wireName()
                + ". Its result is a placeholder, not the outcome: call get_operation with {\"id\": \""
                + operation.id() + "\"} every " + settings.pollInterval().toSeconds()
                + " s until status is succeeded, failed, cancelled or timed_out.";
        return toolResult(text, structured, false);
    }

    private Map<String, Object> getOperation(Map<String, Object> arguments, Caller caller) {
        if (!caller.may("read_operations")) {
            throw new PermissionDeniedException("read_operations", "read operations");
        }
        Object id = arguments.get("id");
        if (!(id instanceof String text)) {
            throw new InvalidArgumentsException("id", "is required (the operation id, a string)");
        }
        Operation operation = view.find(text)
                .filter(found -> caller.tenant().equals(found.tenant()))
                .orElseThrow(() -> new InvalidArgumentsException("id", "no operation with id '" + text + "'"));
        String summary = "Operation " + operation.id() + " (" + operation.type().wireName() + ") is "
                + operation.status().wireName() + (operation.isTerminal() ? "." : "; poll again.");
        return toolResult(summary, Map.of("operation", operation), false);
    }

    private static Map<String, Object> toolError(Throwable failure) {
        String code = failure instanceof InvalidArgumentsException ? "invalid_argument"
                : failure instanceof PermissionDeniedException ? "permission_denied"
                : failure instanceof CommandNotDurableException ? "unavailable"
                : "internal";
        boolean retryable = failure instanceof CommandNotDurableException;
        String message = code.equals("internal") ? "internal error" : failure.getMessage();
        return toolResult(message, Map.of("error", Map.of("code", code, "message", message, "retryable", retryable)),
                true);
    }

    private static Map<String, Object> toolResult(String text, Map<String, Object> structured, boolean isError) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("content", List.of(Map.of("type", "text", "text", text)));
        result.put("structuredContent", structured);
        result.put("isError", isError);
        return result;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
