package dev.lightdevops.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The one way this project materializes a compacted topic ({@code ops.status} in both apps, {@code ops.deployments}):
 * a plain consumer on a thread of its own reads every partition from the beginning, forever, and hands each record,
 * in offset order per partition, to the view's sink; read-committed, nothing committed, no consumer group (partitions
 * are assigned, so there is no rebalance and no group left behind per process start). After each poll it reports its
 * positions to {@link ConsumedPositions}, so a catch-up wait completes the moment the record it waits for has been
 * applied: the consumer's poll returns as soon as records arrive, and no wait depends on a poll interval.
 *
 * <p>Started before the listener containers and stopped after them ({@link #PHASE}), so a view is there for as long
 * as commands are handled.
 */
public final class CompactedTopicReader implements SmartLifecycle {

    /** Below the listener containers' {@code MAX_VALUE - 100}: up before they start, down after they stop. */
    public static final int PHASE = Integer.MAX_VALUE - 200;
    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    /**
     * Only bounds how long a poll without records lasts (records end a poll at once): the one case it matters is a
     * partition whose last batch delivers no record, an aborted transaction, passed by the position within a poll.
     */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final String topic;
    private final Map<String, Object> consumerConfig;
    private final Consumer<ConsumerRecord<String, byte[]>> sink;
    private final ConsumedPositions positions;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean pauseRequested;
    private volatile boolean paused;

    /**
     * @param clientConfig the app's Kafka consumer settings (bootstrap servers, security); group, offsets, isolation
     *     and deserializers are the reader's own
     * @param sink applies one record to the view (a {@code null} value is a tombstone); a record it cannot apply (it
     *     throws) is skipped with a warning, and the reader goes on
     */
    public CompactedTopicReader(String topic, Map<String, Object> clientConfig,
            Consumer<ConsumerRecord<String, byte[]>> sink) {
        this.topic = topic;
        this.sink = sink;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, topic + "-reader-" + UUID.randomUUID().toString().substring(0, 8));
        this.consumerConfig = Map.copyOf(config);
        this.positions = new ConsumedPositions(topic, clientConfig);
    }

    /**
     * The sink of a view that keeps one value per key: a tombstone removes the key, any other record's value is decoded
     * and handed to {@code put}, which applies the view's merge rule. A value that cannot be decoded throws, so the
     * reader skips it.
     */
    public static <T> Consumer<ConsumerRecord<String, byte[]>> byKey(Function<byte[], T> decode,
            BiConsumer<String, T> put, Consumer<String> remove) {
        return record -> {
            if (record.value() == null) {
                remove.accept(record.key());
            } else {
                put.accept(record.key(), decode.apply(record.value()));
            }
        };
    }

    /** Completes with {@code true} once everything on the topic at the call has been applied. */
    public CompletableFuture<Boolean> awaitCaughtUp(Duration timeout) {
        return positions.awaitCaughtUp(timeout);
    }

    /** Completes with {@code true} once everything now on the partition of {@code key} has been applied. */
    public CompletableFuture<Boolean> awaitCaughtUp(String key, Duration timeout) {
        return positions.awaitCaughtUp(key, timeout);
    }

    /** The catch-up bookkeeping, for callers that wait on it directly (the api's read-your-writes). */
    public ConsumedPositions positions() {
        return positions;
    }

    /**
     * Stops applying records until {@link #resume}, the reader still connected: the seam through which a test holds a
     * view behind the topic (as a listener container's pause). Takes effect within a poll; {@link #isPaused} says when.
     */
    public void pause() {
        pauseRequested = true;
    }

    public void resume() {
        pauseRequested = false;
    }

    /** Whether the reader has stopped applying records (a {@link #pause} has taken effect). */
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::readUntilStopped, topic + "-reader");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(Duration.ofSeconds(10).toMillis());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        positions.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void readUntilStopped() {
        try (KafkaConsumer<String, byte[]> reader = consumer) {
            List<TopicPartition> partitions = partitionsOf(reader);
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            while (running) {
                if (pauseRequested != paused) {
                    if (pauseRequested) {
                        reader.pause(partitions);
                    } else {
                        reader.resume(partitions);
                    }
                    paused = pauseRequested;
                }
                try {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                        apply(record);
                    }
                    for (TopicPartition partition : partitions) {
                        positions.reached(partition.partition(), reader.position(partition));
                    }
                } catch (RetriableException transientFailure) {
                    // The broker is restarting or unreachable for a moment: keep the view and try again.
                    log.warn("could not read {} for now: {}", topic, transientFailure.toString());
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up: leave the loop.
        } catch (RuntimeException failure) {
            log.error("stopped reading {}", topic, failure);
        } finally {
            running = false;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            sink.accept(record);
        } catch (RuntimeException failure) {
            log.warn("skipping a record of {} at {}-{} that could not be applied: {}", topic, record.partition(),
                    record.offset(), failure.toString());
        }
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> reader) {
        while (running) {
            try {
                var found = reader.partitionsFor(topic, Duration.ofSeconds(30));
                if (!found.isEmpty()) {
                    return found.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
                }
            } catch (RetriableException notYet) {
                log.info("{} is not there yet: {}", topic, notYet.toString());
            }
            try {
                Thread.sleep(500); // start-up only: the topic is being created by whichever app started first
            } catch (InterruptedException interrupted) {
                break;
            }
        }
        throw new WakeupException();
    }
}
