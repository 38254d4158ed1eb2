package dev.lightdevops.api.operations;

import dev.lightdevops.api.identity.UnfinishedOperations;
import dev.lightdevops.common.operation.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
public class OperationView implements UnfinishedOperations {

    private static final Logger log = LoggerFactory.getLogger(OperationView.class);

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<Operation>> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, CopyOnWriteArrayList<Consumer<Operation>>> subscribersById = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> unfinishedByOwner = new ConcurrentHashMap<>();

    /**
     * Applies a snapshot; answers whether it changed the view (subscribers are told only then). A terminal operation
     * is kept without the placeholder it was accepted with: what it is read as from then on is its outcome only.
     */
    public boolean apply(Operation arrived) {
        Operation snapshot = retained(arrived);
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
    @Override
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
     * The operation as soon as a snapshot of it satisfies {@code wanted} (at once if the current one does), or its
     * current snapshot (possibly empty) when {@code wait} runs out. Blocks the calling thread: a request's virtual
     * thread, parked at no cost while it waits.
     */
    public Optional<Operation> awaitMatch(String id, Predicate<Operation> wanted, Duration wait) {
        CompletableFuture<Operation> matched = new CompletableFuture<>();
        AutoCloseable subscription = subscribeTo(id, snapshot -> {
            if (wanted.test(snapshot)) {
                matched.complete(snapshot);
            }
        });
        try {
            find(id).filter(wanted).ifPresent(matched::complete);
            return Optional.of(matched.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException waitedLongEnough) {
            return find(id);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return find(id);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            close(subscription);
        }
    }

    /** Every operation in the view, in no particular order (a snapshot of the moment; later changes not included). */
    public java.util.Collection<Operation> all() {
        return java.util.List.copyOf(operations.values());
    }

    /**
     * What the view keeps of a snapshot, as small as it can be without changing what it says: a terminal one without
     * its placeholder, and its request and result maps as compact immutable maps (JSON object order carries no
     * meaning). With 100,000 retained operations this halves the heap they take (docs/benchmarks.md, footprint).
     */
    private static Operation retained(Operation arrived) {
        Operation snapshot = arrived.isTerminal() ? arrived.withoutPlaceholder() : arrived;
        Map<String, Object> request = compact(snapshot.request());
        Map<String, Object> result = compact(snapshot.result());
        if (request == snapshot.request() && result == snapshot.result()) {
            return snapshot;
        }
        return snapshot.withMaps(request, result);
    }

    private static Map<String, Object> compact(Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return map;
        }
        for (Object value : map.values()) {
            if (value == null) {
                return map;
            }
        }
        return Map.copyOf(map);
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
