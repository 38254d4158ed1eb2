package dev.lightdevops.api.approvals;

import dev.lightdevops.api.tools.ToolRefusal;
import dev.lightdevops.api.tools.ToolResult;

/**
 * The operation is not waiting for a decision (it needed none, was decided already, or its request expired), so an
 * approval or rejection cannot apply. Nothing changed.
 */
public class NotAwaitingApprovalException extends RuntimeException implements ToolRefusal {

    public NotAwaitingApprovalException(String message) {
        super(message);
    }

    @Override
    public ToolResult asToolResult() {
        return ToolResult.failed("not_awaiting_approval", getMessage(), false,
                "Call get_operation with this operation_id to see its status.");
    }
}
