package dev.lightdevops.api.tools;

import dev.lightdevops.common.operation.Operation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a tool answers: a short text for the model, structured content for programs, and whether it is an error.
 *
 * @param text one or two sentences a person or a model can act on
 * @param structured the machine-readable answer (MCP {@code structuredContent}, the REST body)
 * @param error whether the call failed
 */
public record ToolResult(String text, Map<String, Object> structured, boolean error) {

    /** The immediate answer of a tool that started an operation: its id, status and placeholder result. */
    public static ToolResult accepted(Operation operation, Duration pollInterval) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("operation_id", operation.id());
        structured.put("status", operation.status().wireName());
        structured.put("poll_interval_ms", pollInterval.toMillis());
        structured.put("result", operation.placeholder());
        structured.put("operation", operation.withoutPlaceholder());
        String text = "Operation " + operation.id() + " is " + operation.status().wireName()
                + ". Its result is a placeholder, not the outcome: call get_operation with {\"operation_id\": \""
                + operation.id() + "\"} every " + Math.max(1, pollInterval.toSeconds())
                + " s until its status is terminal (succeeded, failed, cancelled, timed_out, rejected or expired)."
                + (operation.status() == dev.lightdevops.common.operation.OperationStatus.AWAITING_APPROVAL
                        ? " It runs only once " + operation.approval().required() + " other person(s) holding "
                                + operation.approval().permission() + " approve it (approve_operation)." : "");
        return new ToolResult(text, structured, false);
    }

    /**
     * Kafka confirmed neither the acceptance nor its withdrawal: an error that carries the operation id, so that the
     * caller checks that operation before retrying instead of starting a second one (the message says so).
     */
    public static ToolResult outcomeUnknown(String operationId, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", "outcome_unknown");
        error.put("message", message);
        error.put("retryable", false);
        error.put("next_action", "Call get_operation with {\"operation_id\": \"" + operationId
                + "\"} before retrying.");
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("operation_id", operationId);
        structured.put("error", error);
        return new ToolResult(message, structured, true);
    }

    /** An error result: its text is the reason and then the next valid action, in one sentence each. */
    public static ToolResult failed(String code, String message, boolean retryable, String nextAction) {
        String reason = message.endsWith(".") ? message : message + ".";
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("retryable", retryable);
        error.put("next_action", nextAction);
        return new ToolResult(capitalized(reason) + " " + nextAction, Map.of("error", error), true);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
