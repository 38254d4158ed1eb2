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
                + ". Its result is a placeholder, not the outcome: call get_operation with {\"id\": \""
                + operation.id() + "\"} every " + Math.max(1, pollInterval.toSeconds())
                + " s until status is succeeded, failed, cancelled or timed_out.";
        return new ToolResult(text, structured, false);
    }

    /**
     * Kafka confirmed neither the acceptance nor its withdrawal: an error that carries the operation id, so that the
     * caller checks that operation before retrying instead of starting a second one.
     */
    public static ToolResult outcomeUnknown(String operationId, String message) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("operation_id", operationId);
        structured.put("error", Map.of("code", "outcome_unknown", "message", message, "retryable", false));
        return new ToolResult(message, structured, true);
    }

    public static ToolResult failed(String code, String message, boolean retryable) {
        return new ToolResult(message,
                Map.of("error", Map.of("code", code, "message", message, "retryable", retryable)), true);
    }
}
