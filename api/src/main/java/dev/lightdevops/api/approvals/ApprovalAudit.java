package dev.lightdevops.api.approvals;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.operation.Operation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit lines of approval steps: the acting principal (approver, rejecter, {@code system} for an expiry) as the
 * line's principal and the operation's requester as {@code requested_by}, so every step names both people.
 */
final class ApprovalAudit {

    private ApprovalAudit() {
    }

    static AuditEvent step(Instant at, String action, ApprovalClaim claim, Operation operation, String client,
            String tool) {
        return new AuditEvent(at, action, claim.principal(), operation.tenant(), client, tool, operation.id(),
                operation.type().wireName(), operation.target() == null ? null : operation.target().key(),
                arguments(operation.id(), claim.reason()), operation.status().wireName(), null,
                operation.requestedBy());
    }

    static AuditEvent refused(Instant at, Operation operation, Caller caller, String client, String tool,
            String action, String code, String detail) {
        return new AuditEvent(at, "approval_refused", caller.principal(), caller.tenant(), client, tool,
                operation.id(), operation.type().wireName(), operation.target() == null ? null
                        : operation.target().key(), arguments(operation.id(), null), code, action + ": " + detail,
                operation.requestedBy());
    }

    private static Map<String, Object> arguments(String operationId, String reason) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("operation_id", operationId);
        if (reason != null) {
            arguments.put("reason", reason);
        }
        return arguments;
    }
}
