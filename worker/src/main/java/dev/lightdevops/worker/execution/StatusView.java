package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.CompactedTopicReader;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What this worker knows of every retained operation, read from all of the compacted {@code ops.status} (a
 * {@link CompactedTopicReader}). Before deciding what a command needs, the runner waits until this view has caught up
 * with the end of the operation's partition, so a redelivered command finds its operation terminal (skip) or running
 * at attempt N (a worker was lost: run attempt N+1).
 *
 * <p>It also watches the topic's shape for the {@link OperationSweeper}: the operations still queued (with their
 * deadline), and the operations whose last record is <em>stale</em>, i.e. differs from their first terminal record in
 * topic order (a late api "cancelled" after a worker's "succeeded", a second idempotent "queued", a progress
 * snapshot after a foreign terminal). Live views keep the first terminal; compaction would keep the last record, so
 * those are republished. Only small fields are kept per operation; the sweeper reads a full record back by offset.
 */
@Component
class StatusView implements SmartLifecycle {

    /**
     * The part of an operation the engine's decisions need. {@code offset} is the topic offset of the record that
     * set the state (for a terminal one, its first terminal record), {@code -1} when only known from this worker's
     * own write; {@code terminalHash} fingerprints that first terminal record, so a later copy of it is told apart
     * from a stale record; {@code stale} says the last record read differs from it.
     */
    record OperationState(OperationStatus status, int attempt, Instant deadline, int partition, long offset,
            int terminalHash, boolean stale) {

        boolean supersedes(OperationState current) {
            return current == null || Operation.supersedes(status, attempt, false, current.status, current.attempt,
                    current.started());
        }

        /** A worker's run had begun: a start (or what follows it) was read or written; queued is the only state before. */
        boolean started() {
            return status != OperationStatus.QUEUED && status != OperationStatus.AWAITING_APPROVAL;
        }

        /** Whether the first terminal record in topic order has been read (own writes are known before). */
        boolean terminalRead() {
            return status.isTerminal() && offset >= 0;
        }
    }

    private final Map<String, OperationState> known = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Set<String> stale = ConcurrentHashMap.newKeySet();
    private final CompactedTopicReader reader;

    StatusView(KafkaProperties kafka) {
        this.reader = new CompactedTopicReader(Topics.STATUS, kafka.buildConsumerProperties(), this::onRecord);
    }

    void onRecord(ConsumerRecord<String, byte[]> record) {
        String id = record.key();
        if (id == null) {
            return;
        }
        if (record.value() == null) {
            known.remove(id);
            track(id, null);
            return;
        }
        Operation snapshot = ContractJson.read(record.value(), Operation.class); // unreadable: the reader skips it
        int hash = Arrays.hashCode(record.value());
        OperationState read = new OperationState(snapshot.status(), snapshot.attempt(), snapshot.deadline(),
                record.partition(), record.offset(), snapshot.isTerminal() ? hash : 0, false);
        track(id, known.compute(id, (key, current) -> {
            if (current != null && current.terminalRead()) {
                // Terminal is final: what follows is either a copy of that first terminal record or stale.
                boolean differs = hash != current.terminalHash;
                return differs == current.stale ? current : new OperationState(current.status, current.attempt,
                        current.deadline, current.partition, current.offset, current.terminalHash, differs);
            }
            if (snapshot.withdrawsAcceptance() && current != null && current.started()) {
                return current; // a withdrawal after a worker's start never counts (the api's settlement rule)
            }
            if (snapshot.isTerminal()) {
                return read; // the first terminal in topic order is the truth, whatever this worker applied itself
            }
            return read.supersedes(current) ? read : current;
        }));
    }

    /** Also fed by this worker's own snapshots, so its decisions never lag what it published itself. */
    void apply(String id, OperationStatus status, int attempt) {
        track(id, known.compute(id, (key, current) -> {
            OperationState mine = new OperationState(status, attempt, current == null ? null : current.deadline, -1, -1,
                    0, false);
            return mine.supersedes(current) ? mine : current;
        }));
    }

    Optional<OperationState> find(String id) {
        return Optional.ofNullable(known.get(id));
    }

    /** Operations whose state is queued (any deadline); a snapshot of the moment. */
    List<String> queued() {
        return List.copyOf(queued);
    }

    /** Operations whose last record differs from their first terminal record; a snapshot of the moment. */
    List<String> stale() {
        return List.copyOf(stale);
    }

    /**
     * Blocks (a worker thread, never the reader's) until the view read what is now on the partition of
     * {@code ops.status} that holds the operation's snapshots (they are all keyed by its id), or the timeout. That
     * partition is all the decision about this operation needs; the rest of the topic keeps moving under load.
     */
    boolean awaitCaughtUp(String operationId, Duration timeout) {
        return reader.awaitCaughtUp(operationId, timeout).join();
    }

    private void track(String id, OperationState state) {
        if (state != null && state.status == OperationStatus.QUEUED) {
            queued.add(id);
        } else {
            queued.remove(id);
        }
        if (state != null && state.stale) {
            stale.add(id);
        } else {
            stale.remove(id);
        }
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void stop() {
        reader.stop();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }

    @Override
    public int getPhase() {
        return reader.getPhase();
    }
}
