package dev.lightdevops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.RealKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Retention keeps the api's memory bounded: 100,000 finished operations arrive through ops.status; the view settles at
 * max-retained, operations past their retention are tombstoned in the topic, and running operations are never retired.
 */
@Order(Integer.MAX_VALUE)
class OperationRetentionTest {

    private static final int OPERATIONS = 100_000;
    private static final int MAX_RETAINED = 1_000;

    @Test
    void theViewStaysBoundedAndExpiredOperationsAreTombstoned() throws Exception {
        ConfigurableApplicationContext api = ApiTestContexts.start(
                "--devops.api.operations.max-retained=" + MAX_RETAINED,
                "--devops.api.operations.retention=1h",
                "--devops.api.operations.sweep-interval=200ms");
        try {
            Instant now = Instant.now();
            Operation expired = finished("expired", now.minus(Duration.ofHours(2)));
            Operation running = queued("still-running", now).running(1, new Progress(5, "validate", ""), now);
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(record(expired));
                producer.send(record(running));
                for (int i = 0; i < OPERATIONS; i++) {
                    producer.send(record(finished("bulk-" + (i % 500), now)));
                }
                producer.flush();
            }

            OperationView view = api.getBean(OperationView.class);
            ConsumedPositions positions = api.getBean(ConsumedPositions.class);
            await().atMost(Duration.ofMinutes(3)).until(() -> positions.awaitCaughtUp(Duration.ofSeconds(5)).join());
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                assertThat(view.size()).isLessThanOrEqualTo(MAX_RETAINED);
                assertThat(view.find(expired.id())).isEmpty();
            });
            assertThat(view.find(running.id())).isPresent();
            assertThat(tombstoned(expired.id())).isTrue();
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(record(running.succeeded(Map.of(), Instant.now()))).get();
            }
        } finally {
            api.close();
        }
    }

    private static boolean tombstoned(String id) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName()))) {
            int partition = Math.abs(org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(id.getBytes())) % consumer.partitionsFor(Topics.STATUS).size());
            var topicPartition = new org.apache.kafka.common.TopicPartition(Topics.STATUS, partition);
            consumer.assign(java.util.List.of(topicPartition));
            consumer.seekToBeginning(java.util.List.of(topicPartition));
            long end = consumer.endOffsets(java.util.List.of(topicPartition)).get(topicPartition);
            boolean found = false;
            while (consumer.position(topicPartition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    found |= id.equals(record.key()) && record.value() == null;
                }
            }
            return found;
        }
    }

    private static Operation queued(String service, Instant at) {
        return Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target(service, "staging"),
                Map.of("version", "1.0.0"), null, "anonymous", "local", null, at, at.plusSeconds(600), null);
    }

    private static Operation finished(String service, Instant at) {
        return queued(service, at).running(1, null, at).succeeded(Map.of(), at);
    }

    private static ProducerRecord<String, byte[]> record(Operation operation) {
        return new ProducerRecord<>(Topics.STATUS, operation.id(), ContractJson.write(operation));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                new StringSerializer(), new ByteArraySerializer());
    }
}
