package dev.lightdevops.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.testing.RealKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one reader of compacted topics against a real broker: records applied in order, and a catch-up that ends once
 * what was written before it is applied.
 */
class CompactedTopicReaderTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private final String topic = "reader-" + UUID.randomUUID();
    private final Map<String, String> view = new ConcurrentHashMap<>();
    private final List<String> applied = new CopyOnWriteArrayList<>();
    private CompactedTopicReader reader;

    @BeforeEach
    void startReader() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        reader = new CompactedTopicReader(topic, Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealKafka.bootstrapServers()), record -> {
                    String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
                    applied.add(value);
                    view.put(record.key(), value);
                });
        reader.start();
    }

    @AfterEach
    void stopReader() {
        reader.stop();
    }

    @Test
    void aCatchUpEndsOnceEverythingWrittenBeforeItIsApplied() throws Exception {
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 1; i <= 3; i++) {
                producer.send(new ProducerRecord<>(topic, "target", "v" + i)).get();
            }
        }

        assertThat(reader.awaitCaughtUp("target", GENEROUS).join()).isTrue();

        assertThat(view).containsEntry("target", "v3");
        assertThat(applied).containsExactly("v1", "v2", "v3");
    }

    @Test
    void aPausedReaderAppliesNothingUntilItIsResumed() throws Exception {
        reader.pause();
        org.awaitility.Awaitility.await().atMost(GENEROUS).until(reader::isPaused);
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "held", "v1")).get();
        }

        assertThat(reader.awaitCaughtUp("held", Duration.ofSeconds(2)).join()).isFalse();
        assertThat(view).doesNotContainKey("held");

        reader.resume();
        assertThat(reader.awaitCaughtUp("held", GENEROUS).join()).isTrue();
        assertThat(view).containsEntry("held", "v1");
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
