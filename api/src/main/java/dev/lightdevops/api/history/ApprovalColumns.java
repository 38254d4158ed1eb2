package dev.lightdevops.api.history;

import dev.lightdevops.common.operation.Approval;
import dev.lightdevops.common.operation.Operation;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who approved an operation, read off its snapshot's {@link Approval}: how many approvals it has, their principals in
 * the order they approved, and when the last one came. Operations that needed no approval have none.
 */
record ApprovalColumns(int count, String approvedBy, Instant approvedAt) {

    private static final ApprovalColumns NONE = new ApprovalColumns(0, null, null);

    static ApprovalColumns of(Operation operation) {
        Approval approval = operation.approval();
        if (approval == null || approval.approvals().isEmpty()) {
            return NONE;
        }
        List<Approval.Decision> approvals = approval.approvals();
        return new ApprovalColumns(approvals.size(),
                approvals.stream().map(Approval.Decision::principal).collect(Collectors.joining(",")),
                approvals.get(approvals.size() - 1).at());
    }
}
