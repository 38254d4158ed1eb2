package dev.lightdevops.api.operations;

import dev.lightdevops.common.operation.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This api instance's materialized view of {@code ops.status}: the latest snapshot of every retained operation.
 * It only moves an operation forward (see {@link Operation#supersedes}), so a late or replayed snapshot can never
 * undo a newer one. Subscribers hear of every change, which is what long-polls, SSE streams and MCP task
 * notifications are built on. Waiters on one operation subscribe to that operation only, and the count of each
 * principal's unfinished operations is kept as snapshots arrive, so neither costs a scan of the whole view.
 */
@Component
public class OperationView {

    private static final Logger log = LoggerFactory.getLogger(OperationView.class);

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<Operation>> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, CopyOnWriteArrayList<Consumer<Operation>>> subscribersById = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> unfinishedByOwner = new ConcurrentHashMap<>();

    /** Applies a snapshot; answers whether it changed the view (subscribers are told only then). */
    public boolean apply(Operation snapshot) {
        Operation[] before = new Operation[1];
        Operation after = operations.compute(snapshot.id(), (id, current) -> {
            before[0] = current;
            return snapshot.supersedes(current) ? snapshot : current;
        });
        boolean changed = after != before[0];
        if (changed) {
            countUnfinished(before[0], -1);
            countUnfinished(after, 1);
            notifySubscribers(after);
        }
        return changed;
    }

    /** Drops an operation whose status was tombstoned. */
    public void remove(String id) {
        countUnfinished(operations.remove(id), -1);
    }

    /** How many deploys and rollbacks of this principal in this tenant are not terminal yet (per-principal cap). */
    public long unfinishedCount(String principal, String tenant) {
        LongAdder count = unfinishedByOwner.get(ownerKey(principal, tenant));
        return count == null ? 0 : count.sum();
    }

    public Optional<Operation> find(String id) {
        return Optional.ofNullable(operations.get(id));
    }

    public int size() {
        return operations.size();
    }

    /** How many operations in the view match (per-principal limits count the active ones). */
    public long count(java.util.function.Predicate<Operation> matching) {
        return operations.values().stream().filter(matching).count();
    }

    /** How many subscribers listen now (waits, streams); for diagnostics and tests. */
    public int subscriberCount() {
        return subscribers.size() + subscribersById.values().stream().mapToInt(List::size).sum();
    }

    /** Calls {@code subscriber} with every snapshot that changes the view, until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<Operation> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Calls {@code subscriber} with every snapshot that changes operation {@code id}, until the handle is closed. */
    public AutoCloseable subscribeTo(String id, Consumer<Operation> subscriber) {
        // Added inside compute: a list emptied and unmapped by a leaving waiter must not receive the newcomer.
        subscribersById.compute(id, (key, list) -> {
            CopyOnWriteArrayList<Consumer<Operation>> listeners = list == null ? new CopyOnWriteArrayList<>() : list;
            listeners.add(subscriber);
            return listeners;
        });
        return () -> subscribersById.computeIfPresent(id, (key, list) -> {
            list.remove(subscriber);
            return list.isEmpty() ? null : list;
        });
    }

    /**
     * Completes with the operation as soon as it differs from {@code seen} (at once if it already does), or with
     * its unchanged snapshot (possibly empty) when {@code wait} runs out. Never blocks a thread.
     */
    public CompletableFuture<Optional<Operation>> awaitChange(String id, Operation seen, Duration wait) {
        CompletableFuture<Optional<Operation>> changed = new CompletableFuture<>();
        AutoCloseable subscription = subscribeTo(id, snapshot -> {
            if (!snapshot.equals(seen)) {
                changed.complete(Optional.of(snapshot));
            }
        });
        find(id).filter(current -> !current.equals(seen)).ifPresent(current -> changed.complete(Optional.of(current)));
        return changed
                .completeOnTimeout(find(id), wait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, error) -> close(subscription));
    }

    /**
     * Completes with the operation as soon as a snapshot of it satisfies {@code wanted} (at once if the current one
     * does), or with its current snapshot (possibly empty) when {@code wait} runs out. Never blocks a thread.
     */
    public CompletableFuture<Optional<Operation>> awaitMatch(String id, Predicate<Operation> wanted, Duration wait) {
        CompletableFuture<Optional<Operation>> matched = new CompletableFuture<>();
        AutoCloseable subscription = subscribeTo(id, snapshot -> {
            if (wanted.test(snapshot)) {
                matched.complete(Optional.of(snapshot));
            }
        });
        find(id).filter(wanted).ifPresent(current -> matched.complete(Optional.of(current)));
        return matched
                .completeOnTimeout(find(id), wait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, error) -> close(subscription));
    }

    /** Every operation in the view, in no particular order (a snapshot of the moment; later changes not included). */
    public java.util.Collection<Operation> all() {
        return java.util.List.copyOf(operations.values());
    }

    private void notifySubscribers(Operation snapshot) {
        notify(subscribers, snapshot);
        CopyOnWriteArrayList<Consumer<Operation>> waiting = subscribersById.get(snapshot.id());
        if (waiting != null) {
            notify(waiting, snapshot);
        }
    }

    private static void notify(Iterable<Consumer<Operation>> listeners, Operation snapshot) {
        for (Consumer<Operation> subscriber : listeners) {
            try {
                subscriber.accept(snapshot);
            } catch (RuntimeException failure) {
                log.warn("an operation subscriber failed on {}: {}", snapshot.id(), failure.toString());
            }
        }
    }

    /** Counts deploys and rollbacks only: the per-principal cap is on changes in flight, never on reads. */
    private void countUnfinished(Operation operation, int delta) {
        if (operation != null && !operation.isTerminal() && operation.type().mutating()) {
            unfinishedByOwner.computeIfAbsent(ownerKey(operation.requestedBy(), operation.tenant()),
                    key -> new LongAdder()).add(delta);
        }
    }

    private static String ownerKey(String principal, String tenant) {
        return tenant + '\u0000' + principal;
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
