package dev.lightdevops.api.operations;

import dev.lightdevops.common.kafka.CompactedTopicReader;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.kafka.Topics;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This instance's view of {@code ops.status}: the one reader of a compacted topic ({@link CompactedTopicReader}, as
 * the worker's views use) feeding {@link StatusMaterializer}, and how far it has read ({@link ConsumedPositions}),
 * the basis of read-your-writes across api instances.
 */
@Configuration(proxyBeanMethods = false)
class StatusPositionsConfiguration {

    @Bean
    CompactedTopicReader statusReader(StatusMaterializer materializer, KafkaProperties kafka) {
        return new CompactedTopicReader(Topics.STATUS, kafka.buildConsumerProperties(), materializer::onSnapshot);
    }

    /** Closed by the reader when it stops. */
    @Bean(destroyMethod = "")
    ConsumedPositions statusPositions(CompactedTopicReader statusReader) {
        return statusReader.positions();
    }
}
