package dev.lightdevops.api.mcp;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.PermissionDeniedException;
import dev.lightdevops.api.operations.OperationCancellation;
import dev.lightdevops.api.operations.OperationLookup;
import dev.lightdevops.api.operations.OperationNotFoundException;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.operations.OperationsProperties;
import dev.lightdevops.common.operation.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The task methods of both eras on top of operations: a task id is an operation id, visible only to the principal
 * that started it (in its tenant). Lookups go through {@link OperationLookup} (read-your-writes: an id another api
 * instance accepted a moment ago is found once this instance's view caught up), so any api instance answers for any
 * task; cancelling goes through {@link OperationCancellation}, authorized and published as every other cancel.
 */
@Component
class TaskMethods {

    private static final int PAGE = 50;

    private final OperationView view;
    private final OperationLookup lookup;
    private final OperationCancellation cancellation;
    private final ApiProperties api;
    private final McpProperties settings;
    private final OperationsProperties operations;

    /** A task stays readable as long as its operation is retained, which is what its ttl promises. */
    TaskMethods(OperationView view, OperationLookup lookup, OperationCancellation cancellation, ApiProperties api,
            McpProperties settings, OperationsProperties operations) {
        this.view = view;
        this.lookup = lookup;
        this.cancellation = cancellation;
        this.api = api;
        this.settings = settings;
        this.operations = operations;
    }

    McpResult get(McpRequest request) {
        requireExtension(request);
        Operation operation = find(request);
        return request.modern() ? TaskViews.detailedTask(operation, operations.retention(), api.pollInterval())
                : TaskViews.legacyTask(operation, operations.retention(), api.pollInterval());
    }

    /** 2025-11-25 {@code tasks/result}: waits for the terminal state, then answers the tool's real result. */
    McpResult.CallToolResult result(McpRequest request) {
        Instant until = Instant.now().plus(settings.resultWait());
        Operation latest = awaitTerminal(find(request), request, until);
        if (!latest.isTerminal()) {
            throw new JsonRpcException(JsonRpc.INTERNAL_ERROR, "Task " + latest.id() + " is still "
                    + latest.status().wireName() + " after " + settings.resultWait().toSeconds()
                    + " s; call tasks/result again, or poll tasks/get", null, HttpStatus.OK);
        }
        return TaskViews.callToolResult(latest, api.pollInterval()).relatedTo(latest.id());
    }

    McpResult.ListTasksResult list(McpRequest request) {
        int offset = offset(request.text("cursor"));
        List<Operation> mine = view.all().stream().filter(operation -> visibleTo(operation, request.caller()))
                .sorted(Comparator.comparing(Operation::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        List<McpResult.LegacyTask> page = mine.stream().skip(offset).limit(PAGE)
                .map(operation -> TaskViews.legacyTask(operation, operations.retention(), api.pollInterval())).toList();
        boolean more = (long) offset + PAGE < mine.size();
        return new McpResult.ListTasksResult(page, more ? Integer.toString(offset + PAGE) : null);
    }

    /**
     * Cancels the task's operation. 2025-11-25 refuses a terminal task (-32602) and answers the task as it stands;
     * 2026-07-28 acknowledges with an empty result in every case, and the outcome shows on the next tasks/get.
     */
    McpResult cancel(McpRequest request) {
        requireExtension(request);
        Operation operation = find(request);
        if (operation.isTerminal() && !request.modern()) {
            throw JsonRpcException.invalidParams("Task " + operation.id() + " is already "
                    + TaskViews.legacyStatus(operation.status()) + " and cannot be cancelled");
        }
        Operation latest = operation;
        if (!operation.isTerminal()) {
            try {
                latest = cancellation.cancel(operation.id(), request.caller(), "tasks/cancel");
            } catch (RuntimeException failure) {
                throw translate(failure, request);
            }
        }
        return request.modern() ? new McpResult.EmptyResult()
                : TaskViews.legacyTask(view.find(latest.id()).orElse(latest), operations.retention(),
                        api.pollInterval());
    }

    /** 2026-07-28 {@code tasks/update}: operations never ask for input, so there is nothing to apply. */
    McpResult.EmptyResult update(McpRequest request) {
        requireExtension(request);
        find(request);
        return new McpResult.EmptyResult();
    }

    private Operation find(McpRequest request) {
        String taskId = request.requireText("taskId");
        try {
            Operation operation = lookup.find(taskId, request.caller());
            if (!visibleTo(operation, request.caller())) {
                throw new OperationNotFoundException(taskId);
            }
            return operation;
        } catch (RuntimeException failure) {
            throw translate(failure, request);
        }
    }

    private static RuntimeException translate(RuntimeException failure, McpRequest request) {
        if (failure instanceof OperationNotFoundException) {
            return JsonRpcException.invalidParams("Unknown task '" + request.text("taskId") + "': no operation with "
                    + "that id was started by you (task ids are operation ids)");
        }
        if (failure instanceof PermissionDeniedException denied) {
            return new JsonRpcException(JsonRpc.INVALID_REQUEST, "Permission denied: " + denied.getMessage());
        }
        return failure;
    }

    static boolean visibleTo(Operation operation, Caller caller) {
        return caller.canSee(operation) && caller.principal().equals(operation.requestedBy());
    }

    /** Waits in steps of the lookup's longest wait until the operation is terminal or {@code until} passed. */
    private Operation awaitTerminal(Operation seen, McpRequest request, Instant until) {
        Operation latest = seen;
        Duration left = Duration.between(Instant.now(), until);
        while (!latest.isTerminal() && left.isPositive()) {
            latest = lookup.awaitTerminal(latest.id(), request.caller(), left);
            left = Duration.between(Instant.now(), until);
        }
        return latest;
    }

    private static void requireExtension(McpRequest request) {
        if (request.modern() && !request.declaresTasksExtension()) {
            throw new JsonRpcException(JsonRpc.MISSING_REQUIRED_CLIENT_CAPABILITY, "Missing required client "
                    + "capability: declare extensions[\"" + ClientProfile.TASKS_EXTENSION + "\"] in _meta[\""
                    + RequestReader.META_CAPABILITIES + "\"] to use " + request.method(),
                    Map.of("requiredCapabilities", Map.of("extensions", Map.of(ClientProfile.TASKS_EXTENSION, Map.of()))),
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
