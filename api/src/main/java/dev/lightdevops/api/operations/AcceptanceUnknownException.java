package dev.lightdevops.api.operations;

import dev.lightdevops.api.tools.ToolRefusal;
import dev.lightdevops.api.tools.ToolResult;

/**
 * Kafka confirmed neither the acceptance of an operation nor its withdrawal: it may run or not. The caller gets the
 * operation id and is told to check it before retrying (an idempotent retry returns that same operation); the api
 * keeps trying to settle it in the background.
 */
public class AcceptanceUnknownException extends RuntimeException implements ToolRefusal {

    private final String operationId;

    public AcceptanceUnknownException(String operationId, Throwable cause) {
        super("Kafka did not confirm whether operation " + operationId + " was accepted, and the api could not "
                + "withdraw it: the outcome is unknown. Check it before retrying: get_operation {\"operation_id\": \""
                + operationId + "\"} (or GET /api/v1/operations/" + operationId + "); a retry with the same "
                + "idempotency_key returns this same operation", cause);
        this.operationId = operationId;
    }

    public String operationId() {
        return operationId;
    }

    @Override
    public ToolResult asToolResult() {
        return ToolResult.outcomeUnknown(operationId, getMessage());
    }
}
