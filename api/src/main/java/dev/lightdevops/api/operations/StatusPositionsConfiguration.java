package dev.lightdevops.api.operations;

import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.kafka.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** How far this instance's view has read {@code ops.status}: the basis of read-your-writes across api instances. */
@Configuration(proxyBeanMethods = false)
class StatusPositionsConfiguration {

    @Bean(destroyMethod = "close")
    ConsumedPositions statusPositions(KafkaAdmin admin) {
        return new ConsumedPositions(Topics.STATUS, admin.getConfigurationProperties());
    }
}
