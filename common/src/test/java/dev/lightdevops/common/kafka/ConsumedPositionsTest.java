package dev.lightdevops.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.testing.RealKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catch-up wait against a real broker: a caller interested in one key waits for that key's partition only, so
 * it completes although other partitions keep receiving records the listener has not read (under load the topic's
 * end moves on every partition); and the topic's partition list is looked up once, not per wait.
 */
class ConsumedPositionsTest {

    private static final int PARTITIONS = 4;
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private final String topic = "positions-" + UUID.randomUUID();
    private Map<String, Object> config;
    private KafkaProducer<String, String> producer;
    private ConsumedPositions positions;

    @BeforeEach
    void createTopic() throws Exception {
        config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        positions = new ConsumedPositions(topic, config);
    }

    @AfterEach
    void close() {
        positions.close();
        producer.close();
    }

    @Test
    void aWaitForOneKeyCompletesWhileOtherPartitionsHoldRecordsTheListenerHasNotRead() throws Exception {
        String key = "operation-" + UUID.randomUUID();
        int keyPartition = producer.send(new ProducerRecord<>(topic, key, "queued")).get().partition();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            if (partition != keyPartition) {
                producer.send(new ProducerRecord<>(topic, partition, "someone-else", "unread")).get();
            }
        }
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread listener = listenerReadingOnly(new TopicPartition(topic, keyPartition), reading);
        try {
            assertThat(positions.awaitCaughtUp(key, GENEROUS).join())
                    .as("the key's partition %d was read to its end", keyPartition).isTrue();
            // The whole topic was not read: a wait for all of it cannot succeed (short timeout, the answer is false
            // whatever the machine's speed, since nobody reads the other partitions).
            assertThat(positions.awaitCaughtUp(Duration.ofMillis(200)).join()).isFalse();
        } finally {
            reading.set(false);
            listener.join();
        }
    }

    @Test
    void thePartitionListIsLookedUpOnceAndEachWaitCostsOneEndOffsetRequestAtMost() throws Exception {
        List<String> keys = IntStream.range(0, 8).mapToObj(i -> "key-" + i + "-" + UUID.randomUUID()).toList();
        for (String key : keys) {
            producer.send(new ProducerRecord<>(topic, key, "queued")).get();
        }
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread listener = listenerReadingOnly(null, reading);
        try {
            for (String key : keys) {
                assertThat(positions.awaitCaughtUp(key, GENEROUS).join()).isTrue();
            }
            List<CompletableFuture<Boolean>> concurrent = keys.stream()
                    .map(key -> positions.awaitCaughtUp(key, GENEROUS)).toList();
            assertThat(concurrent).allSatisfy(wait -> assertThat(wait.join()).isTrue());
        } finally {
            reading.set(false);
            listener.join();
        }
        assertThat(positions.partitionLookups()).isEqualTo(1);
        // 8 one after the other, then 8 at once that share requests (at most one each, usually one or two in all).
        assertThat(positions.endOffsetLookups()).isBetween(9L, 16L);
    }

    /** A real consumer that reports what it read, like the views' listeners; one partition, or all if null. */
    private Thread listenerReadingOnly(TopicPartition only, AtomicBoolean reading) {
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.assign(only != null ? List.of(only) : IntStream.range(0, PARTITIONS)
                        .mapToObj(partition -> new TopicPartition(topic, partition)).toList());
                while (reading.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        positions.consumed(record.partition(), record.offset());
                    }
                }
            }
        }, "test-listener");
        thread.start();
        return thread;
    }
}
