package dev.lightdevops.api.operations;

import org.springframework.beans.factory.annotation.Qualifier;
import java.util.concurrent.Executor;
import dev.lightdevops.api.security.Caller;
import dev.lightdevops.api.security.PermissionDeniedException;
import dev.lightdevops.api.security.Permissions;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.operation.CancelRequest;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Cancels operations (REST {@code :cancel}, the cancel_operation tool, MCP {@code tasks/cancel}). A cancel request is
 * always published to {@code ops.control}, where the worker running the operation hears it and interrupts it; a
 * queued operation is in addition ended {@code cancelled} at once in {@code ops.status}, so a worker that picks its
 * command up later skips it. Cancelling a terminal operation changes nothing and answers it as it is.
 * Who may cancel what is {@link Caller#canCancel}; a refusal is audited.
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

    /** Where continuations run: never the common pool, which has a single thread on a 2-core machine. */
    private final Executor continuations;

    OperationCancellation(OperationLookup lookup, CommandPublisher publisher, OperationView view,
            ConsumedPositions statusPositions, OperationsProperties settings, AuditTrail audit, Clock clock,
            @Qualifier("applicationTaskExecutor") Executor continuations) {
        this.statusPositions = statusPositions;
        this.settings = settings;
        this.continuations = continuations;
        this.lookup = lookup;
        this.publisher = publisher;
        this.view = view;
        this.audit = audit;
        this.clock = clock;
    }

    /** Completes with the operation after the cancellation is durable: cancelled if it was queued, else as it is. */
    public CompletableFuture<Operation> cancel(String id, Caller caller, String tool) {
        String client = AuditTrail.currentClientAddress();
        return lookup.find(id, caller).thenCompose(operation -> {
            authorize(operation, caller, client, tool);
            if (operation.isTerminal()) {
                return CompletableFuture.completedFuture(operation);
            }
            Instant now = clock.instant();
            CompletableFuture<CancelRequest> requested =
                    publisher.publishCancelRequest(new CancelRequest(id, caller.principal(), now));
            if (operation.status() != OperationStatus.QUEUED) {
                // Async: the ack completes on the producer's I/O thread, which must never send (see CommandPublisher).
                return requested.thenApplyAsync(published -> {
                    audit.cancellation("cancel_requested", operation, caller, client, tool);
                    return operation;
                }, continuations);
            }
            Operation cancelled = operation.ended(OperationStatus.CANCELLED, new OperationError("cancelled",
                    "cancelled by " + caller.principal() + " before it started", false), now);
            return requested.thenComposeAsync(published -> publisher.publishSnapshot(cancelled), continuations)
                    .thenComposeAsync(written -> statusPositions.awaitCaughtUp(id, settings.catchUpTimeout())
                            .thenApply(caughtUp -> written), continuations)
                    .thenApplyAsync(written -> {
                        Operation kept = view.find(id).orElse(written);
                        audit.cancellation(kept.equals(written) ? "cancelled" : "cancel_too_late", kept, caller,
                                client, tool);
                        return kept;
                    }, continuations);
        });
    }

    public CompletableFuture<Operation> cancel(String id, Caller caller) {
        return cancel(id, caller, null);
    }

    private void authorize(Operation operation, Caller caller, String client, String tool) {
        if (caller.canCancel(operation)) {
            return;
        }
        boolean own = caller.principal().equals(operation.requestedBy());
        audit.cancellation("cancel_refused", operation, caller, client, tool);
        throw new PermissionDeniedException(own ? Permissions.CANCEL_OWN : Permissions.CANCEL_ANY,
                "cancel operation " + operation.id());
    }
}
