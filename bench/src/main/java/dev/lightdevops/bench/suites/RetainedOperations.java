package dev.lightdevops.bench.suites;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills {@code ops.status} with copies of one real succeeded snapshot under new ids, so the api's view retains a
 * large number of realistic operations without running each through a worker. Returns the last id written.
 */
final class RetainedOperations {

    private RetainedOperations() {
    }

    static String write(String bootstrapServers, byte[] sample, String sampleId, int count) {
        String template = new String(sample, StandardCharsets.UTF_8);
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        String last = null;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings)) {
            for (int i = 0; i < count; i++) {
                String id = new UUID(System.currentTimeMillis() << 16 | 0x7000L, UUID.randomUUID()
                        .getLeastSignificantBits()).toString();
                producer.send(new ProducerRecord<>("ops.status", id,
                        template.replace(sampleId, id).getBytes(StandardCharsets.UTF_8)));
                last = id;
            }
            producer.flush();
        }
        return last;
    }
}
