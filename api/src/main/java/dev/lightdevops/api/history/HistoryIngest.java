package dev.lightdevops.api.history;

import dev.lightdevops.common.kafka.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds the history store from {@code ops.status}, {@code ops.audit} and {@code ops.deployments} with a consumer group
 * of its own that every api instance shares, so each record is written by one instance. Where a partition resumes is
 * the position stored with the rows ({@link HistoryWriter}), not Kafka's committed offset (also committed, after the
 * rows, for tools that show a group's lag). A rebuild deletes the stored positions; every instance notices at its
 * next write or at its next idle check ({@code rewind-check-interval}) and reads those partitions again.
 */
@Component
@Conditional(HistoryStoreConfigured.class)
class HistoryIngest extends AbstractConsumerSeekAware {

    static final String LISTENER_ID = "history-ingest";
    private static final Logger log = LoggerFactory.getLogger(HistoryIngest.class);

    private final HistoryWriter writer;
    private final TopicIds topicIds;
    private final HistoryProperties settings;
    private final Clock clock;
    /** Per assigned partition: the position this instance stored last or found stored; touched by the consumer. */
    private final Map<TopicPartition, Long> readUpTo = new ConcurrentHashMap<>();
    private final Timer delay;
    private final Counter rows;
    private volatile Instant lastRewindCheck = Instant.EPOCH;

    HistoryIngest(HistoryWriter writer, TopicIds topicIds, HistoryProperties settings, Clock clock,
            MeterRegistry meters) {
        this.writer = writer;
        this.topicIds = topicIds;
        this.settings = settings;
        this.clock = clock;
        this.delay = Timer.builder("devops.history.ingest.delay")
                .description("time from a record's arrival in Kafka to its commit in the history store (oldest "
                        + "record of each batch)")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.rows = Counter.builder("devops.history.ingest.rows").description("rows written to the history store")
                .register(meters);
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, containerFactory = "historyListenerFactory",
            topics = {Topics.STATUS, Topics.AUDIT, Topics.DEPLOYMENTS})
    void onRecords(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        HistoryWriter.Written written = writer.write(records, readUpTo);
        readUpTo.putAll(written.positions());
        written.rewinds().forEach((partition, stored) -> rewind(partition, stored, callbackFor(partition)));
        rows.increment(written.rows());
        long oldest = records.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(clock.millis());
        delay.record(Duration.ofMillis(Math.max(0, clock.millis() - oldest)));
        if (!written.positions().isEmpty()) {
            consumer.commitAsync(written.positions().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, entry -> new OffsetAndMetadata(entry.getValue()))), (offsets, failure) -> {
                        if (failure != null) {
                            log.debug("history: Kafka commit failed (the store's own positions count): {}",
                                    failure.toString());
                        }
                    });
        }
        if (clock.instant().isAfter(lastRewindCheck.plus(settings.rewindCheckInterval()))) {
            checkForRewinds(getTopicsAndCallbacks().keySet(), null);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        writer.topicIds(topicIds.current());
        Map<TopicPartition, Long> stored = writer.positions(assignments.keySet());
        for (TopicPartition partition : assignments.keySet()) {
            Long position = stored.get(partition);
            if (position == null) {
                readUpTo.remove(partition);
                callback.seekToBeginning(List.of(partition));
            } else {
                readUpTo.put(partition, position);
                callback.seek(partition.topic(), partition.partition(), position);
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        super.onPartitionsRevoked(partitions);
        partitions.forEach(readUpTo::remove);
    }

    @Override
    public void onIdleContainer(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        checkForRewinds(assignments.keySet(), callback);
    }

    /** Seeks back every assigned partition whose stored position went back (a rebuild) since this instance read it. */
    private void checkForRewinds(Collection<TopicPartition> assigned, ConsumerSeekCallback callback) {
        lastRewindCheck = clock.instant();
        Map<TopicPartition, Long> stored = writer.positions(assigned);
        for (TopicPartition partition : assigned) {
            Long mine = readUpTo.get(partition);
            Long now = stored.get(partition);
            if (mine != null && (now == null || now < mine)) {
                rewind(partition, now, callback != null ? callback : callbackFor(partition));
            }
        }
    }

    private void rewind(TopicPartition partition, Long stored, ConsumerSeekCallback callback) {
        if (callback == null) {
            return;
        }
        if (stored == null) {
            readUpTo.remove(partition);
            callback.seekToBeginning(List.of(partition));
        } else {
            readUpTo.put(partition, stored);
            callback.seek(partition.topic(), partition.partition(), stored);
        }
        log.info("history: reading {} again from {} (its stored position went back: a rebuild)", partition,
                stored == null ? "the beginning" : "offset " + stored);
    }

    private ConsumerSeekCallback callbackFor(TopicPartition partition) {
        List<ConsumerSeekCallback> callbacks = getSeekCallbacksFor(partition);
        return callbacks == null || callbacks.isEmpty() ? null : callbacks.get(0);
    }

    /** The positions this instance holds, for the status endpoint. */
    Map<TopicPartition, Long> readUpTo() {
        return Map.copyOf(readUpTo);
    }
}
