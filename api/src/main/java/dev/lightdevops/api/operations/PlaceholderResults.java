package dev.lightdevops.api.operations;

import dev.lightdevops.common.operation.Approval;
import java.util.LinkedHashMap;
import java.util.Map;

/** The placeholder results the api answers with at once: flagged so nobody can take one for a real result. */
public final class PlaceholderResults {

    private PlaceholderResults() {
    }

    public static Map<String, Object> forOperation(String operationId, String what) {
        Map<String, Object> placeholder = new LinkedHashMap<>();
        placeholder.put("placeholder", true);
        placeholder.put("message", what + " accepted and queued. This is not the result: poll operation "
                + operationId + " (tool get_operation, or GET /api/v1/operations/" + operationId
                + ") until its status is succeeded, failed, cancelled or timed_out.");
        return placeholder;
    }

    /** The placeholder of an operation held back for approval: who may approve it, and until when. */
    static Map<String, Object> awaitingApproval(String operationId, String what, Approval approval) {
        Map<String, Object> placeholder = new LinkedHashMap<>();
        placeholder.put("placeholder", true);
        placeholder.put("approval_required", true);
        placeholder.put("approvers", "anyone but you holding " + approval.permission());
        placeholder.put("approvals_required", approval.required());
        placeholder.put("expires_at", approval.expiresAt().toString());
        placeholder.put("message", what + " accepted and awaiting approval: nothing runs until "
                + approval.required() + " other person(s) holding " + approval.permission() + " approve it "
                + "(tool approve_operation, or the dashboard) before " + approval.expiresAt() + "; after that it "
                + "ends expired. This is not the result: poll operation " + operationId + " with get_operation.");
        return placeholder;
    }
}
