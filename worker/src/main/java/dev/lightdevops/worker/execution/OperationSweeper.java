package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.worker.execution.StatusPublisher.StatusNotPublishedException;
import dev.lightdevops.worker.execution.StatusView.OperationState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps two promises that no single run can keep by itself, every {@code sweep-interval}:
 * <ul>
 * <li><b>Every operation ends</b> (invariant 1). An operation still {@code queued} {@code sweep-grace} past its
 * deadline that this worker is not running was started by no worker (a run writes {@code running} before it
 * starts, and never starts past the deadline): its command was skipped, lost or never written. It is ended
 * {@code timed_out} with code {@code deadline_exceeded} and a message saying so.</li>
 * <li><b>The compacted topic's last record per operation is its newest state.</b> An operation whose last record
 * differs from its first terminal record ({@link StatusView}: a late "cancelled" after a "succeeded", a second
 * idempotent "queued") gets that first terminal record republished, byte for byte, so compaction keeps what every
 * live view shows.</li>
 * </ul>
 * Every worker sweeps. Before acting on an operation it catches up on the operation's partition and checks again,
 * so what another worker already did is seen; a duplicate that still slips through is harmless (an identical
 * republished record, or a second {@code timed_out} that is itself stale and repaired by the next sweep).
 * The full record is read back by its offset: the view keeps only small fields per operation.
 */
@Component
class OperationSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OperationSweeper.class);
    private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(10);

    private final StatusView view;
    private final StatusPublisher status;
    private final RunningOperations running;
    private final FinishedAudit audit;
    private final EngineProperties settings;
    private final Clock clock;
    private final Map<String, Object> consumerConfig;
    private volatile ScheduledExecutorService timer;

    OperationSweeper(StatusView view, StatusPublisher status, RunningOperations running, FinishedAudit audit,
            EngineProperties settings, Clock clock, KafkaProperties kafka) {
        this.view = view;
        this.status = status;
        this.running = running;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        this.consumerConfig = Map.copyOf(config);
    }

    /** One pass; public to the package so that a test can sweep without waiting for the timer. */
    void sweep() {
        for (String id : view.stale()) {
            repairStale(id);
        }
        Instant horizon = clock.instant().minus(settings.sweepGrace());
        for (String id : view.queued()) {
            view.find(id).filter(known -> abandoned(id, known, horizon)).ifPresent(known -> endAbandoned(id));
        }
    }

    private boolean abandoned(String id, OperationState known, Instant horizon) {
        return known.status() == OperationStatus.QUEUED && known.deadline() != null
                && known.deadline().isBefore(horizon) && !running.isRunning(id) && known.offset() >= 0;
    }

    private void repairStale(String id) {
        Optional<OperationState> known = caughtUp(id).filter(OperationState::stale);
        if (known.isEmpty()) {
            return;
        }
        ConsumerRecord<String, byte[]> first = readBack(id, known.get());
        if (first == null || Arrays.hashCode(first.value()) != known.get().terminalHash()) {
            log.warn("operation {}: its first terminal record (offset {}) is gone, its stale last record stays",
                    id, known.get().offset());
            return;
        }
        Operation terminal = ContractJson.read(first.value(), Operation.class);
        status.republish(id, first.value(), terminal);
        log.info("operation {}: republished its {} snapshot, since a later record on {} was stale", id,
                terminal.status().wireName(), Topics.STATUS);
    }

    private void endAbandoned(String id) {
        Instant horizon = clock.instant().minus(settings.sweepGrace());
        Optional<OperationState> known = caughtUp(id).filter(again -> abandoned(id, again, horizon));
        if (known.isEmpty()) {
            return;
        }
        ConsumerRecord<String, byte[]> record = readBack(id, known.get());
        Operation queued = record == null ? null : ContractJson.read(record.value(), Operation.class);
        if (queued == null || queued.status() != OperationStatus.QUEUED) {
            return;
        }
        Operation ended = queued.ended(new Outcome.TimedOut(new OperationError("deadline_exceeded",
                "the operation was still queued at its deadline " + queued.deadline() + ": no worker started it, "
                        + "so it was ended by the engine's sweeper", false)), clock.instant());
        status.publish(ended);
        view.apply(id, ended.status(), ended.attempt());
        audit.finished(ended);
        log.warn("operation {} ({}) was still queued {} after its deadline {}: ended timed_out", id,
                queued.type().wireName(), settings.sweepGrace(), queued.deadline());
    }

    private Optional<OperationState> caughtUp(String id) {
        return view.awaitCaughtUp(id, settings.catchUpTimeout()) ? view.find(id) : Optional.empty();
    }

    /** The record the view's state came from, read from its partition at its offset (null if compacted away). */
    private ConsumerRecord<String, byte[]> readBack(String id, OperationState known) {
        TopicPartition partition = new TopicPartition(Topics.STATUS, known.partition());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, known.offset());
            long deadline = System.nanoTime() + READ_BACK_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    boolean wanted = record.offset() == known.offset() && id.equals(record.key());
                    return wanted && record.value() != null ? record : null;
                }
            }
        }
        return null;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("operation-sweeper").factory());
        long interval = settings.sweepInterval().toMillis();
        // A random first delay, so the workers of a group do not all sweep at the same moment.
        timer.scheduleWithFixedDelay(this::sweepSafely, ThreadLocalRandom.current().nextLong(interval) + 1, interval,
                TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (StatusNotPublishedException | org.apache.kafka.common.KafkaException unreachable) {
            log.warn("sweep stopped early, trying again in {}: {}", settings.sweepInterval(), unreachable.toString());
        } catch (RuntimeException unexpected) {
            log.error("sweep failed", unexpected);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = timer;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        ScheduledExecutorService current = timer;
        return current != null && !current.isShutdown();
    }
}
