package dev.lightdevops.api.mcp;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.security.Caller;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolRegistry;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.tool.ToolCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The task methods of both eras on top of operations: a task id is an operation id, visible only to the principal
 * that started it (in its tenant), and every method reads this instance's view of {@code ops.status}, so any api
 * instance answers for any task. Cancelling goes through the {@code cancel_operation} tool, so it is authorized and
 * published exactly as the tool does it.
 */
@Component
class TaskMethods {

    private static final int PAGE = 50;

    private final OperationView view;
    private final ToolRegistry tools;
    private final ApiProperties api;
    private final McpProperties settings;

    TaskMethods(OperationView view, ToolRegistry tools, ApiProperties api, McpProperties settings) {
        this.view = view;
        this.tools = tools;
        this.api = api;
        this.settings = settings;
    }

    Map<String, Object> get(McpRequest request) {
        requireExtension(request);
        Operation operation = find(request);
        return request.modern() ? TaskViews.detailedTask(operation, settings.taskTtl(), api.pollInterval())
                : TaskViews.legacyTask(operation, settings.taskTtl(), api.pollInterval());
    }

    /** 2025-11-25 {@code tasks/result}: waits for the terminal state, then answers the tool's real result. */
    CompletableFuture<Object> result(McpRequest request) {
        Operation operation = find(request);
        return awaitTerminal(operation, Instant.now().plus(settings.resultWait())).thenApply(latest -> {
            if (!latest.isTerminal()) {
                throw new JsonRpcException(JsonRpc.INTERNAL_ERROR, "Task " + latest.id() + " is still "
                        + latest.status().wireName() + " after " + settings.resultWait().toSeconds()
                        + " s; call tasks/result again, or poll tasks/get", null, HttpStatus.OK);
            }
            Map<String, Object> result = TaskViews.callToolResult(latest, api.pollInterval());
            result.put("_meta", Map.of("io.modelcontextprotocol/related-task", Map.of("taskId", latest.id())));
            return result;
        });
    }

    Map<String, Object> list(McpRequest request) {
        int offset = offset(request.text("cursor"));
        List<Operation> mine = view.all().stream().filter(operation -> visibleTo(operation, request.caller()))
                .sorted(Comparator.comparing(Operation::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        List<Map<String, Object>> page = mine.stream().skip(offset).limit(PAGE)
                .map(operation -> TaskViews.legacyTask(operation, settings.taskTtl(), api.pollInterval())).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tasks", page);
        if (offset + PAGE < mine.size()) {
            result.put("nextCursor", Integer.toString(offset + PAGE));
        }
        return result;
    }

    CompletableFuture<Object> cancel(McpRequest request) {
        requireExtension(request);
        Operation operation = find(request);
        if (operation.isTerminal()) {
            if (request.modern()) {
                return CompletableFuture.completedFuture(new LinkedHashMap<>());
            }
            throw JsonRpcException.invalidParams("Task " + operation.id() + " is already "
                    + TaskViews.legacyStatus(operation.status()) + " and cannot be cancelled");
        }
        boolean cancellable = tools.all().stream().map(ToolHandler::definition)
                .anyMatch(tool -> tool.name().equals(ToolCatalogue.CANCEL_OPERATION));
        if (!cancellable) {
            throw new JsonRpcException(JsonRpc.INTERNAL_ERROR,
                    "Cancellation is not available on this server (no cancel_operation tool)");
        }
        return tools.call(ToolCatalogue.CANCEL_OPERATION, Map.of("id", operation.id()), request.caller())
                .thenApply(outcome -> {
                    if (outcome.error()) {
                        throw JsonRpcException.invalidParams("Task " + operation.id() + " was not cancelled: "
                                + outcome.text());
                    }
                    if (request.modern()) {
                        return new LinkedHashMap<String, Object>();
                    }
                    Operation latest = view.find(operation.id()).orElse(operation);
                    return TaskViews.legacyTask(latest, settings.taskTtl(), api.pollInterval());
                });
    }

    /** 2026-07-28 {@code tasks/update}: operations never ask for input, so there is nothing to apply. */
    Map<String, Object> update(McpRequest request) {
        requireExtension(request);
        find(request);
        return new LinkedHashMap<>();
    }

    Operation find(McpRequest request) {
        String taskId = request.requireText("taskId");
        return view.find(taskId).filter(operation -> visibleTo(operation, request.caller()))
                .orElseThrow(() -> JsonRpcException.invalidParams("Unknown task '" + taskId
                        + "': no operation with that id was started by you (task ids are operation ids)"));
    }

    static boolean visibleTo(Operation operation, Caller caller) {
        return caller.tenant().equals(operation.tenant()) && caller.principal().equals(operation.requestedBy());
    }

    private CompletableFuture<Operation> awaitTerminal(Operation seen, Instant until) {
        Duration left = Duration.between(Instant.now(), until);
        if (seen.isTerminal() || left.isNegative() || left.isZero()) {
            return CompletableFuture.completedFuture(seen);
        }
        return view.awaitChange(seen.id(), seen, left)
                .thenCompose(changed -> changed.filter(latest -> !latest.equals(seen))
                        .map(latest -> awaitTerminal(latest, until))
                        .orElseGet(() -> CompletableFuture.completedFuture(seen)));
    }

    private static void requireExtension(McpRequest request) {
        if (request.modern() && !request.declaresTasksExtension()) {
            throw new JsonRpcException(JsonRpc.MISSING_REQUIRED_CLIENT_CAPABILITY, "Missing required client "
                    + "capability: declare extensions[\"" + McpRequest.TASKS_EXTENSION + "\"] in _meta[\""
                    + RequestReader.META_CAPABILITIES + "\"] to use " + request.method(),
                    Map.of("requiredCapabilities", Map.of("extensions", Map.of(McpRequest.TASKS_EXTENSION, Map.of()))),
                    HttpStatus.BAD_REQUEST);
        }
    }

    private static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(cursor));
        } catch (NumberFormatException invalid) {
            throw JsonRpcException.invalidParams("Invalid cursor '" + cursor + "': pass back a nextCursor value");
        }
    }
}
