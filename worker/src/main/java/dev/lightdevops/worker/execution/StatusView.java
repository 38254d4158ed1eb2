package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * What this worker knows of every retained operation's status: the latest status and attempt, read from all of the
 * compacted {@code ops.status} (a group of its own, from the beginning, nothing committed). Before deciding what a
 * command needs, the runner waits until this view has caught up with the end of the operation's partition, so a redelivered command finds
 * its operation terminal (skip) or running at attempt N (a worker was lost: run attempt N+1).
 */
@Component
class StatusView extends AbstractConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(StatusView.class);

    /**
     * The part of a snapshot the runner's decisions need; small, so the view stays small. {@code started}: a worker's
     * run had begun ({@code started_at} set); {@code endedBeforeStart}: the error of an operation that ended without
     * running (cancelled or timed out while queued, an acceptance the api withdrew), kept so that a worker whose start
     * came too late can write that end again after its own start record.
     */
    record Known(OperationStatus status, int attempt, boolean started, OperationError endedBeforeStart) {

        static Known of(Operation snapshot) {
            boolean started = snapshot.startedAt() != null;
            return new Known(snapshot.status(), snapshot.attempt(), started,
                    snapshot.isTerminal() && !started ? snapshot.error() : null);
        }

        boolean withdrawsAcceptance() {
            return status == OperationStatus.FAILED && !started && endedBeforeStart != null
                    && Operation.NOT_ACCEPTED.equals(endedBeforeStart.code());
        }

        boolean supersedes(Known current) {
            return current == null || Operation.supersedes(status, attempt, withdrawsAcceptance(), current.status,
                    current.attempt, current.started);
        }
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Known>> awaited = new ConcurrentHashMap<>();
    private final ConsumedPositions positions;

    StatusView(ConsumedPositions statusPositions) {
        this.positions = statusPositions;
    }

    @KafkaListener(id = "worker-status-view", topics = Topics.STATUS, containerFactory = "readAllListenerFactory",
            groupId = "devops-worker-view-#{T(java.util.UUID).randomUUID()}")
    void onSnapshot(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                known.remove(record.key());
            } else {
                Operation snapshot = ContractJson.read(record.value(), Operation.class);
                apply(snapshot.id(), Known.of(snapshot));
            }
        } catch (JacksonException unreadable) {
            log.warn("skipping an unreadable snapshot at offset {}: {}", record.offset(),
                    unreadable.getOriginalMessage());
        } finally {
            positions.consumed(record.partition(), record.offset());
        }
    }

    /** Also fed by this worker's own snapshots, so its decisions never lag what it published itself. */
    void apply(String id, Known snapshot) {
        Known after = known.compute(id, (key, current) -> snapshot.supersedes(current) ? snapshot : current);
        if (!awaited.isEmpty()) {
            CompletableFuture<Known> arrival = awaited.get(id);
            if (arrival != null) {
                arrival.complete(after);
            }
        }
    }

    /**
     * Blocks until the view holds a snapshot of the operation (at once if it does), or the timeout: the api sends the
     * queued snapshot together with the command, so a worker that waits for it writes its own snapshots after it.
     */
    Optional<Known> awaitKnown(String id, Duration timeout) {
        CompletableFuture<Known> arrival = awaited.computeIfAbsent(id, key -> new CompletableFuture<>());
        try {
            Known now = known.get(id);
            return Optional.of(now != null ? now : arrival.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException notYet) {
            return find(id);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return find(id);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            awaited.remove(id, arrival);
        }
    }

    /** Blocks until the view read the record at {@code offset} of {@code partition} (one this worker wrote). */
    boolean awaitConsumed(int partition, long offset, Duration timeout) {
        return positions.awaitConsumed(partition, offset, timeout).join();
    }

    Optional<Known> find(String id) {
        return Optional.ofNullable(known.get(id));
    }

    /**
     * Blocks (a worker thread, never the consumer's) until the view read what is now on the partition of
     * {@code ops.status} that holds the operation's snapshots (they are all keyed by its id), or the timeout. That
     * partition is all the decision about this operation needs; the rest of the topic keeps moving under load.
     */
    boolean awaitCaughtUp(String operationId, Duration timeout) {
        return positions.awaitCaughtUp(operationId, timeout).join();
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToBeginning(assignments.keySet());
    }
}
