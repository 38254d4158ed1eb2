package dev.lightdevops.api.operations;

import dev.lightdevops.common.kafka.ReadAllListenerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * The listener container of the topics every api instance reads in full ({@code ops.approvals},
 * {@code ops.confirmations}): no offset is ever committed (manual acks, never given), because each instance must read
 * all of them from the beginning, not resume a share. ({@code ops.status} is read by a {@code CompactedTopicReader},
 * see {@link StatusPositionsConfiguration}.)
 */
@Configuration(proxyBeanMethods = false)
class ViewListenerConfiguration {

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> viewListenerFactory(KafkaProperties kafka) {
        return ReadAllListenerFactory.create(kafka.buildConsumerProperties());
    }
}
