package dev.lightdevops.api.operations;

import dev.lightdevops.api.approvals.ApprovalDecisions;
import dev.lightdevops.api.identity.AuditTrail;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.PermissionDeniedException;
import dev.lightdevops.api.identity.Permissions;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.operation.CancelRequest;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.Outcome;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Cancels operations (REST {@code :cancel}, the cancel_operation tool, MCP {@code tasks/cancel}). A cancel request is
 * always published to {@code ops.control}, where the worker running the operation hears it and interrupts it; a
 * queued operation is in addition ended {@code cancelled} at once in {@code ops.status}, so a worker that picks its
 * command up later skips it. An operation awaiting approval has no command yet: it is withdrawn through its approval
 * ({@link ApprovalDecisions#withdraw}), so that an approval racing the cancel cannot queue it afterwards. Cancelling a terminal operation changes nothing and answers it as it is.
 * Who may cancel what is {@link Caller#canCancel}; a refusal is audited. Plain blocking code on the request's thread.
 *
 * <p>The {@code cancelled} snapshot is not applied to the view directly: the answer waits until the view has read
 * the operation's partition past it, so the view keeps the first terminal snapshot in topic order, like every view
 * rebuilt from the topic. A worker that ended the operation just before (its snapshot landed first) wins, the answer
 * says so, and the workers' sweeper republishes that first terminal snapshot over the late {@code cancelled}.
 */
@Service
public class OperationCancellation {

    private final OperationLookup lookup;
    private final CommandPublisher publisher;
    private final OperationView view;
    private final ConsumedPositions statusPositions;
    private final OperationsProperties settings;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApprovalDecisions approvals;

    OperationCancellation(OperationLookup lookup, CommandPublisher publisher, OperationView view,
            ConsumedPositions statusPositions, OperationsProperties settings, AuditTrail audit, Clock clock,
            @Lazy ApprovalDecisions approvals) {
        this.approvals = approvals;
        this.lookup = lookup;
        this.publisher = publisher;
        this.view = view;
        this.statusPositions = statusPositions;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** The operation once the cancellation is durable: cancelled if it was queued, else as it is. */
    public Operation cancel(String id, Caller caller, String tool) {
        String client = AuditTrail.currentClientAddress();
        Operation operation = lookup.find(id, caller);
        authorize(operation, caller, client, tool);
        if (operation.isTerminal()) {
            return operation;
        }
        if (operation.status() == OperationStatus.AWAITING_APPROVAL) {
            // No command exists yet: withdrawing is a step of its approval, ruled like an approval or rejection.
            return approvals.withdraw(operation, caller, tool).operation();
        }
        Instant now = clock.instant();
        publisher.publishCancelRequest(new CancelRequest(id, caller.principal(), now));
        if (operation.status() != OperationStatus.QUEUED) {
            audit.record(OperationAudit.cancellation(clock.instant(), "cancel_requested", operation, caller, client,
                    tool));
            return operation;
        }
        Operation cancelled = operation.ended(new Outcome.Cancelled(new OperationError("cancelled",
                "cancelled by " + caller.principal() + " before it started", false)), now);
        publisher.publishSnapshot(cancelled);
        statusPositions.awaitCaughtUp(id, settings.catchUpTimeout()).join();
        Operation kept = view.find(id).orElse(cancelled);
        boolean won = kept.status() == OperationStatus.CANCELLED && cancelled.error().equals(kept.error());
        audit.record(OperationAudit.cancellation(clock.instant(), won ? "cancelled" : "cancel_too_late", kept, caller,
                client, tool));
        return kept;
    }

    public Operation cancel(String id, Caller caller) {
        return cancel(id, caller, null);
    }

    private void authorize(Operation operation, Caller caller, String client, String tool) {
        if (caller.canCancel(operation)) {
            return;
        }
        boolean own = caller.principal().equals(operation.requestedBy());
        audit.record(OperationAudit.cancellation(clock.instant(), "cancel_refused", operation, caller, client,
                tool));
        throw new PermissionDeniedException(own ? Permissions.CANCEL_OWN : Permissions.CANCEL_ANY,
                "cancel operation " + operation.id());
    }
}
