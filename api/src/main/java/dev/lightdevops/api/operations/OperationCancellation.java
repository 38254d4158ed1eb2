package dev.lightdevops.api.operations;

import dev.lightdevops.api.security.Caller;
import dev.lightdevops.api.security.PermissionDeniedException;
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
 * Callers may cancel their own operations with {@code cancel_own}, anyone's in their tenant with {@code cancel_any}.
 */
@Service
public class OperationCancellation {

    private final OperationLookup lookup;
    private final CommandPublisher publisher;
    private final OperationView view;
    private final AuditTrail audit;
    private final Clock clock;

    OperationCancellation(OperationLookup lookup, CommandPublisher publisher, OperationView view, AuditTrail audit,
            Clock clock) {
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
            authorize(operation, caller);
            if (operation.isTerminal()) {
                return CompletableFuture.completedFuture(operation);
            }
            Instant now = clock.instant();
            CompletableFuture<CancelRequest> requested =
                    publisher.publishCancelRequest(new CancelRequest(id, caller.principal(), now));
            if (operation.status() != OperationStatus.QUEUED) {
                return requested.thenApply(published -> {
                    audit.cancellation("cancel_requested", operation, caller, client, tool);
                    return operation;
                });
            }
            Operation cancelled = operation.ended(OperationStatus.CANCELLED, new OperationError("cancelled",
                    "cancelled by " + caller.principal() + " before it started", false), now);
            return requested.thenCompose(published -> publisher.publishSnapshot(cancelled)).thenApply(written -> {
                view.apply(written);
                audit.cancellation("cancelled", written, caller, client, tool);
                return view.find(id).orElse(written);
            });
        });
    }

    public CompletableFuture<Operation> cancel(String id, Caller caller) {
        return cancel(id, caller, null);
    }

    private static void authorize(Operation operation, Caller caller) {
        boolean own = caller.principal().equals(operation.requestedBy());
        if (caller.may("cancel_any") || (own && caller.may("cancel_own"))) {
            return;
        }
        throw new PermissionDeniedException(own ? "cancel_own" : "cancel_any",
                "cancel operation " + operation.id());
    }
}
