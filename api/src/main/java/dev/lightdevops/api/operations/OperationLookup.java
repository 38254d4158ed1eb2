package dev.lightdevops.api.operations;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.PermissionDeniedException;
import dev.lightdevops.api.identity.Permissions;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.operation.Operation;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Reads operations for a caller: only its tenant's, and with read-your-writes across api instances. An id this
 * instance's view has not seen is looked up again after the view caught up with the end of {@code ops.status} as it
 * was at the call (bounded by {@code catch-up-timeout}), so a poll right after another instance accepted the operation
 * finds it instead of answering 404. An id the caught-up view does not hold either is looked up in the
 * {@link OperationArchive} (the history store, when configured), so operations past the view's retention are still
 * found. The waits block the request's virtual thread and are capped at {@code max-wait}.
 */
@Service
public class OperationLookup {

    static final String READ_PERMISSION = Permissions.READ_OPERATIONS;

    private final OperationView view;
    private final ConsumedPositions statusPositions;
    private final OperationsProperties settings;
    private final ObjectProvider<OperationArchive> archive;

    OperationLookup(OperationView view, ConsumedPositions statusPositions, OperationsProperties settings,
            ObjectProvider<OperationArchive> archive) {
        this.view = view;
        this.statusPositions = statusPositions;
        this.settings = settings;
        this.archive = archive;
    }

    /** The operation; throws {@link OperationNotFoundException} when the caller cannot see it. */
    public Operation find(String id, Caller caller) {
        requireRead(caller);
        Optional<Operation> seen = visible(id, caller);
        if (seen.isPresent()) {
            return seen.get();
        }
        // Every snapshot of an operation is keyed by its id: its partition is all this read needs to have caught up.
        statusPositions.awaitCaughtUp(id, settings.catchUpTimeout()).join();
        return visible(id, caller).or(() -> archived(id, caller))
                .orElseThrow(() -> new OperationNotFoundException(id));
    }

    /** Long-poll (AIP-151 WaitOperation): the operation once its status differs from now, it is terminal, or wait ends. */
    public Operation awaitStatusChange(String id, Caller caller, Duration wait) {
        Operation current = find(id, caller);
        return current.isTerminal() ? current
                : awaitMatch(current, snapshot -> snapshot.status() != current.status() || snapshot.isTerminal(), wait);
    }

    /** The operation once it is terminal, or as it is when wait ends. */
    public Operation awaitTerminal(String id, Caller caller, Duration wait) {
        return awaitMatch(find(id, caller), Operation::isTerminal, wait);
    }

    /** The operation once its snapshot differs from {@code seen} (any change, progress included), or when wait ends. */
    public Operation awaitChange(String id, Caller caller, Operation seen, Duration wait) {
        return awaitMatch(find(id, caller), snapshot -> !snapshot.equals(seen), wait);
    }

    /** The longest wait a caller may ask for. */
    public Duration capped(Duration wait) {
        if (wait == null || wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : wait;
    }

    private Operation awaitMatch(Operation current, Predicate<Operation> wanted, Duration wait) {
        if (current.isTerminal() && view.find(current.id()).isEmpty()) {
            return current; // archived: it will never change
        }
        return view.awaitMatch(current.id(), wanted, capped(wait)).orElse(current);
    }

    private Optional<Operation> visible(String id, Caller caller) {
        return view.find(id).filter(caller::canSee);
    }

    private Optional<Operation> archived(String id, Caller caller) {
        OperationArchive store = archive.getIfAvailable();
        if (store == null || !caller.may(READ_PERMISSION)) {
            return Optional.empty();
        }
        try {
            return store.find(id, caller.tenant()).filter(caller::canSee);
        } catch (OperationArchive.ArchiveUnavailableException unavailable) {
            throw new OperationNotFoundException(id, "the operations of the last "
                    + settings.retention().toHours() + " h do not include it, and the history store that keeps "
                    + "older ones could not be reached: try again shortly");
        }
    }

    static void requireRead(Caller caller) {
        if (!caller.may(READ_PERMISSION)) {
            throw new PermissionDeniedException(READ_PERMISSION, "read operations");
        }
    }
}
