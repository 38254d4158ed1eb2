package dev.lightdevops.api.operations;

import dev.lightdevops.common.kafka.ReadAllListenerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * The listener container of the view: no offset is ever committed (manual acks, never given), because each api
 * instance must read all of {@code ops.status} from the beginning, not resume a share of it.
 */
@Configuration(proxyBeanMethods = false)
class ViewListenerConfiguration {

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> viewListenerFactory(KafkaProperties kafka) {
        return ReadAllListenerFactory.create(kafka.buildConsumerProperties());
    }
}
