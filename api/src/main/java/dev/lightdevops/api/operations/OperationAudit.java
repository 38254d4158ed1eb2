package dev.lightdevops.api.operations;

import dev.lightdevops.api.identity.AuditTrail;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.observability.Redaction;
import dev.lightdevops.common.operation.Operation;
import java.time.Instant;
import java.util.Map;

/**
 * The audit lines of the operations' own steps (accepted, cancellation), written through the
 * {@link dev.lightdevops.api.identity.AuditTrail}; the request's arguments are redacted before they leave the process.
 */
final class OperationAudit {

    private OperationAudit() {
    }

    static AuditEvent accepted(Instant at, ProposedOperation request, Operation operation, Caller caller,
            String client, String outcome) {
        return new AuditEvent(at, "accepted", caller.principal(), caller.tenant(), client, request.tool(),
                operation.id(), request.type().wireName(), request.commandKey(),
                Redaction.arguments(request.arguments()), outcome, null);
    }

    static AuditEvent cancellation(Instant at, String action, Operation operation, Caller caller, String client,
            String tool) {
        return new AuditEvent(at, action, caller.principal(), caller.tenant(), client, tool,
                operation.id(), operation.type().wireName(), operation.target() == null ? null
                        : operation.target().key(), Map.of("id", operation.id()), operation.status().wireName(),
                null);
    }
}
