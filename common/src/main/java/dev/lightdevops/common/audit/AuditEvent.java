package dev.lightdevops.common.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightdevops.common.operation.OperationIds;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One line of the audit trail on {@code ops.audit}, keyed by principal: who did what to which operation, when, from
 * where, and how it came out. Arguments are recorded with their secrets redacted. Each event has an id of its own
 * (UUIDv7, drawn when it is made), so a reader that stores the trail (the history store) can upsert it idempotently;
 * events written before ids existed have none.
 *
 * @param action accepted, refused, cancel_requested, cancelled, finished, or one of the approval steps:
 *     approval_requested, approved, approval_recorded (one of several approvals), rejected, expired,
 *     approval_refused, confirmation_declined
 * @param principal who acted (the approver, for approval steps)
 * @param outcome for accepted: queued, awaiting_approval or idempotent_replay; for refused: the reason code; for
 *     finished: the terminal status; for approval steps: the operation's status after the step
 * @param requestedBy who asked for the operation, when that is not {@code principal} (approval steps name both
 *     people)
 * @param id this event's unique id
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        Instant at,
        String action,
        String principal,
        String tenant,
        String clientAddress,
        String tool,
        String operationId,
        String operationType,
        String target,
        Map<String, Object> arguments,
        String outcome,
        String detail,
        String requestedBy,
        String id) {

    /** A new event about the acting principal's own request, with a fresh id. */
    public AuditEvent(Instant at, String action, String principal, String tenant, String clientAddress, String tool,
            String operationId, String operationType, String target, Map<String, Object> arguments, String outcome,
            String detail) {
        this(at, action, principal, tenant, clientAddress, tool, operationId, operationType, target, arguments,
                outcome, detail, null);
    }

    /** A new event, with a fresh id. */
    public AuditEvent(Instant at, String action, String principal, String tenant, String clientAddress, String tool,
            String operationId, String operationType, String target, Map<String, Object> arguments, String outcome,
            String detail, String requestedBy) {
        this(at, action, principal, tenant, clientAddress, tool, operationId, operationType, target, arguments,
                outcome, detail, requestedBy, OperationIds.next());
    }
}
