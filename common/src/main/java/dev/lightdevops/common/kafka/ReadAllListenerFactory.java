package dev.lightdevops.common.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The listener containers of a process that must read a whole topic from the beginning on every start (the api's
 * view of {@code ops.status}, a worker's read of {@code ops.control}), not resume a share of it: reading starts at the
 * earliest offset and no offset is ever committed (manual acks, never given).
 */
public final class ReadAllListenerFactory {

    private ReadAllListenerFactory() {
    }

    /** A container factory over these consumer settings (Boot's, for the process's own bootstrap and client id). */
    public static ConcurrentKafkaListenerContainerFactory<String, byte[]> create(Map<String, Object> consumerSettings) {
        Map<String, Object> config = new HashMap<>(consumerSettings);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        return factory;
    }
}
