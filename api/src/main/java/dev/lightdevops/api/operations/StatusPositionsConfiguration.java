package dev.lightdevops.api.operations;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.CompactedTopicReader;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This instance's view of {@code ops.status}: the one reader of a compacted topic ({@link CompactedTopicReader}, as
 * the worker's views use) applying each snapshot to {@link OperationView}, whose merge rule
 * ({@link Operation#supersedes}) decides what it changes, and how far it has read ({@link ConsumedPositions}), the
 * basis of read-your-writes across api instances. Every api instance reads every partition from the beginning, so a
 * restarted instance rebuilds its whole view from the compacted topic.
 */
@Configuration(proxyBeanMethods = false)
class StatusPositionsConfiguration {

    @Bean
    CompactedTopicReader statusReader(OperationView view, KafkaProperties kafka) {
        return new CompactedTopicReader(Topics.STATUS, kafka.buildConsumerProperties(), CompactedTopicReader.byKey(
                value -> ContractJson.read(value, Operation.class), (id, snapshot) -> view.apply(snapshot),
                view::remove));
    }

    /** Closed by the reader when it stops. */
    @Bean(destroyMethod = "")
    ConsumedPositions statusPositions(CompactedTopicReader statusReader) {
        return statusReader.positions();
    }
}
