package dev.lightdevops.bench.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code ops.status} from the beginning, as an independent observer (no group, nothing committed), and keeps
 * every snapshot in log order: the history the drills check, and the terminal times the scale-out bench counts. An
 * operation's terminal snapshot is its first in topic order, except the api's withdrawal of an acceptance after a
 * worker had started it, which every view ignores (docs/operations.md).
 */
public final class StatusWatcher implements AutoCloseable {

    public static final String TOPIC = "ops.status";

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Snapshot> history = new ArrayList<>();
    private final Map<String, Snapshot> terminal = new ConcurrentHashMap<>();
    /** Operations a worker started: a withdrawal landing after that start ends nothing (the contract's merge rule). */
    private final java.util.Set<String> started = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile byte[] terminalSample;
    private final Thread poller;

    public StatusWatcher(String bootstrapServers) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings);
        poller = new Thread(() -> poll(consumer), "status-watcher");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll(KafkaConsumer<String, byte[]> consumer) {
        try (consumer) {
            List<TopicPartition> partitions = List.of();
            while (running.get() && partitions.isEmpty()) {
                try {
                    partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(5)).stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                } catch (RuntimeException notYet) {
                    // a loaded machine may take longer than the timeout: ask again
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        accept(record);
                    }
                } catch (org.apache.kafka.common.errors.WakeupException stop) {
                    return;
                } catch (RuntimeException brokerTrouble) {
                    // a drill may stop the broker: keep polling until it is back
                }
            }
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        JsonNode node = json.readTree(record.value());
        JsonNode target = node.get("target");
        JsonNode error = node.get("error");
        Snapshot snapshot = new Snapshot(text(node, "id"), text(node, "status"),
                node.has("attempt") ? node.get("attempt").asInt() : 1,
                target == null || target.isNull() ? null : text(target, "service") + "@" + text(target, "environment"),
                instant(node, "updated_at", Instant.ofEpochMilli(record.timestamp())),
                instant(node, "created_at", null),
                error == null || error.isNull() ? null : text(error, "code"),
                text(node, "started_at") != null, text(node, "idempotency_key"));
        synchronized (history) {
            history.add(snapshot);
        }
        if (snapshot.started()) {
            started.add(snapshot.id());
        }
        if (snapshot.terminal() && !(snapshot.withdrawal() && started.contains(snapshot.id()))) {
            if (terminalSample == null && "succeeded".equals(snapshot.status())) {
                terminalSample = record.value();
            }
            terminal.putIfAbsent(snapshot.id(), snapshot);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Instant instant(JsonNode node, String field, Instant fallback) {
        String text = text(node, field);
        return text == null ? fallback : Instant.parse(text);
    }

    public List<Snapshot> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** The raw bytes of the first succeeded snapshot seen, to copy realistic operations from. */
    public byte[] terminalSample() {
        return terminalSample;
    }

    public Snapshot terminalOf(String id) {
        return terminal.get(id);
    }

    public long terminalCount(Collection<String> ids) {
        return ids.stream().filter(terminal::containsKey).count();
    }

    /** Waits until every id has a terminal snapshot or the timeout passes; returns how many have one. */
    public long awaitTerminal(Collection<String> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long done = terminalCount(ids);
        while (done < ids.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            done = terminalCount(ids);
        }
        return done;
    }

    public int size() {
        synchronized (history) {
            return history.size();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        poller.join(5000);
    }
}
