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
 * @param action accepted, refused, cancel_requested, cancelled or finished
 * @param outcome for accepted: queued or idempotent_replay; for refused: the reason code; for finished: the terminal
 *     status
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
        String id) {

    /** A new event, with a fresh id. */
    public AuditEvent(Instant at, String action, String principal, String tenant, String clientAddress, String tool,
            String operationId, String operationType, String target, Map<String, Object> arguments, String outcome,
            String detail) {
        this(at, action, principal, tenant, clientAddress, tool, operationId, operationType, target, arguments,
                outcome, detail, OperationIds.next());
    }
}
