package dev.lightdevops.bench.suites;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes operations to Kafka the way api and workers do, at a fixed rate: per operation its queued, running and
 * succeeded snapshots on {@code ops.status}, its accepted and finished lines on {@code ops.audit}, and for deploys (30
 * %) the target's full deployment record on {@code ops.deployments}, whose history keeps the last 50 entries.
 */
final class HistoryLoad {

    private static final String[] ENVIRONMENTS = {"development", "staging", "production"};

    private final String bootstrapServers;
    private final Map<String, Deque<String>> histories = new HashMap<>();
    private long operations;
    private long records;

    HistoryLoad(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Writes {@code rate} operations a second for {@code seconds}, paced every 10 ms. */
    void write(int rate, int seconds) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings)) {
            long start = System.nanoTime();
            long total = (long) rate * seconds;
            while (operations < total) {
                long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
                while (operations < due) {
                    writeOne(producer, operations++);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            producer.flush();
        }
    }

    private void writeOne(KafkaProducer<String, byte[]> producer, long n) {
        String id = UUID.randomUUID().toString();
        boolean deploy = n % 10 < 3;
        String service = "svc-" + (n % 50);
        String environment = ENVIRONMENTS[(int) (n % 3)];
        String principal = "user-" + (n % 20);
        String version = "1." + (n % 97) + "." + (n % 7);
        Instant now = Instant.now();
        String type = deploy ? "deploy" : "fetch_logs";
        String request = deploy ? "{\"service\":\"" + service + "\",\"version\":\"" + version + "\",\"environment\":\""
                + environment + "\",\"reason\":\"bench change " + n + " for ticket OPS-" + (n % 1000) + "\"}"
                : "{\"service\":\"" + service + "\",\"level\":\"error\",\"limit\":50}";
        String result = deploy ? "{\"service\":\"" + service + "\",\"environment\":\"" + environment
                + "\",\"version\":\"" + version + "\",\"previous_version\":\"1.0.0\",\"target\":\"simulated\"}"
                : "{\"lines\":[{\"level\":\"error\",\"message\":\"upstream timeout after 3000 ms\"}],\"simulated\":true}";
        for (String status : new String[] {"queued", "running", "succeeded"}) {
            String snapshot = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"target\":{\"service\":\"" + service
                    + "\",\"environment\":\"" + environment + "\"},\"status\":\"" + status + "\",\"request\":" + request
                    + (status.equals("succeeded") ? ",\"result\":" + result : "")
                    + ",\"placeholder\":{\"placeholder\":true,\"message\":\"queued; poll operation " + id + "\"}"
                    + ",\"requested_by\":\"" + principal + "\",\"tenant\":\"local\",\"attempt\":1,\"created_at\":\""
                    + now + "\",\"updated_at\":\"" + now + "\""
                    + (status.equals("succeeded") ? ",\"finished_at\":\"" + now + "\"" : "")
                    + ",\"deadline\":\"" + now.plusSeconds(1800) + "\"}";
            send(producer, "ops.status", id, snapshot);
        }
        for (String action : new String[] {"accepted", "finished"}) {
            send(producer, "ops.audit", principal, "{\"id\":\"" + UUID.randomUUID() + "\",\"at\":\"" + now
                    + "\",\"action\":\"" + action + "\",\"principal\":\"" + principal + "\",\"tenant\":\"local\","
                    + "\"tool\":\"" + (deploy ? "deploy_service" : "get_logs") + "\",\"operation_id\":\"" + id
                    + "\",\"operation_type\":\"" + type + "\",\"target\":\"" + service + "@" + environment + "\","
                    + "\"arguments\":" + request + ",\"outcome\":\"" + (action.equals("accepted") ? "queued"
                            : "succeeded") + "\"}");
        }
        if (deploy) {
            String key = service + "@" + environment;
            Deque<String> history = histories.computeIfAbsent(key, k -> new ArrayDeque<>());
            history.addFirst("{\"kind\":\"deploy\",\"version\":\"" + version + "\",\"outcome\":\"live\",\"operation_id\":\""
                    + id + "\",\"reason\":\"bench\",\"via\":\"simulated\",\"requested_by\":\"" + principal
                    + "\",\"worker\":\"bench\",\"at\":\"" + now.plusNanos(ThreadLocalRandom.current().nextInt(1000))
                    + "\"}");
            while (history.size() > 50) {
                history.removeLast();
            }
            send(producer, "ops.deployments", key, "{\"service\":\"" + service + "\",\"environment\":\"" + environment
                    + "\",\"live_version\":\"" + version + "\",\"last_operation_id\":\"" + id + "\",\"updated_at\":\""
                    + now + "\",\"history\":[" + String.join(",", history) + "]}");
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
        records++;
    }

    long operations() {
        return operations;
    }

    long records() {
        return records;
    }
}
