package dev.lightdevops.api.mcp;

import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operation seen as an MCP task (its id is the task id) in each era's shape, and a terminal operation seen as the
 * {@code CallToolResult} the tool would have returned had it waited. 2025-11-25 reports a failed operation as a
 * {@code failed} task; the 2026-07-28 tasks extension keeps {@code failed} for protocol errors, so there a failed
 * deploy is a {@code completed} task whose result has {@code isError: true}.
 */
final class TaskViews {

    private TaskViews() {
    }

    static McpResult.LegacyTask legacyTask(Operation operation, Duration ttl, Duration pollInterval) {
        return new McpResult.LegacyTask(operation.id(), legacyStatus(operation.status()), statusMessage(operation),
                createdAt(operation), lastUpdatedAt(operation), ttl.toMillis(), pollInterval.toMillis());
    }

    static McpResult.ModernTask modernTask(Operation operation, Duration ttl, Duration pollInterval) {
        return modernTask(operation, ttl, pollInterval, null);
    }

    /** tasks/get in 2026-07-28: the task, with the final result inlined once it is completed. */
    static McpResult.ModernTask detailedTask(Operation operation, Duration ttl, Duration pollInterval) {
        boolean completed = operation.isTerminal() && operation.status() != OperationStatus.CANCELLED;
        return modernTask(operation, ttl, pollInterval, completed ? callToolResult(operation, pollInterval) : null);
    }

    private static McpResult.ModernTask modernTask(Operation operation, Duration ttl, Duration pollInterval,
            McpResult.CallToolResult result) {
        return new McpResult.ModernTask(operation.id(), modernStatus(operation.status()), statusMessage(operation),
                createdAt(operation), lastUpdatedAt(operation), ttl.toMillis(), pollInterval.toMillis(), result);
    }

    static McpResult.CallToolResult callToolResult(Operation operation, Duration pollInterval) {
        ToolResult outcome = outcome(operation, pollInterval);
        return McpResult.CallToolResult.of(outcome.text(), outcome.structured(), outcome.error());
    }

    /** What a tool reports for its operation: the placeholder while it runs, the outcome alone at the end. */
    static ToolResult outcome(Operation operation, Duration pollInterval) {
        if (!operation.isTerminal()) {
            return ToolResult.accepted(operation, pollInterval);
        }
        // The outcome only: no placeholder, no poll hint, no second copy of the result inside a full snapshot.
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("operation_id", operation.id());
        structured.put("status", operation.status().wireName());
        boolean succeeded = operation.status() == OperationStatus.SUCCEEDED;
        Map<String, Object> result = succeeded && operation.result() != null ? operation.result()
                : operation.error() != null ? Map.of("error", operation.error()) : Map.of();
        structured.put("result", result);
        String text = "Operation " + operation.id() + " (" + operation.type().wireName() + ") "
                + operation.status().wireName()
                + (operation.error() != null ? ": " + operation.error().message() : ".");
        return new ToolResult(text, structured, !succeeded);
    }

    static String legacyStatus(OperationStatus status) {
        return switch (status) {
            case AWAITING_APPROVAL, QUEUED, RUNNING -> "working";
            case SUCCEEDED -> "completed";
            case FAILED, TIMED_OUT, REJECTED, EXPIRED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }

    static String modernStatus(OperationStatus status) {
        return switch (status) {
            case AWAITING_APPROVAL, QUEUED, RUNNING -> "working";
            case SUCCEEDED, FAILED, TIMED_OUT, REJECTED, EXPIRED -> "completed";
            case CANCELLED -> "cancelled";
        };
    }

    private static String createdAt(Operation operation) {
        return instant(operation.createdAt());
    }

    private static String lastUpdatedAt(Operation operation) {
        return instant(operation.updatedAt() != null ? operation.updatedAt() : operation.createdAt());
    }

    /**
     * What the task is doing, for people. An operation awaiting approval is a {@code working} task (the client has
     * no input to give: a third person decides), so this message is where it says what it waits for.
     */
    static String statusMessage(Operation operation) {
        if (operation.status() == OperationStatus.AWAITING_APPROVAL && operation.approval() != null) {
            return "awaiting approval by someone (not " + operation.requestedBy() + ") holding "
                    + operation.approval().permission() + ", until " + operation.approval().expiresAt() + " ("
                    + operation.approval().approvals().size() + " of " + operation.approval().required()
                    + " approvals)";
        }
        if (operation.error() != null) {
            return operation.status().wireName() + ": " + operation.error().message();
        }
        if (operation.progress() != null && !operation.isTerminal()) {
            return operation.status().wireName() + " (" + operation.progress().percent() + "%, "
                    + operation.progress().stage() + ")";
        }
        return operation.type().wireName() + " " + operation.status().wireName();
    }

    private static String instant(Instant instant) {
        return (instant == null ? Instant.EPOCH : instant).toString();
    }
}
