package dev.lightdevops.api.approvals;

import dev.lightdevops.api.tools.ToolRefusal;
import dev.lightdevops.api.tools.ToolResult;

/** The approver asked for the operation itself: someone else must approve it (two-person rule). Nothing changed. */
public class TwoPersonRuleException extends RuntimeException implements ToolRefusal {

    public TwoPersonRuleException(String operationId, String principal) {
        super("you (" + principal + ") requested operation " + operationId + ", so you cannot approve it: ask "
                + "another person who holds its approve permission to approve it");
    }

    @Override
    public ToolResult asToolResult() {
        return ToolResult.failed("two_person_rule", getMessage(), false,
                "Ask another approver to call approve_operation with this operation_id.");
    }
}
