package dev.lightdevops.api.operations;

import dev.lightdevops.common.kafka.Topics;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Loads the producer's metadata for the topics a tool call writes before the first call arrives, so the first
 * caller does not pay for (or time out on) the metadata round trips.
 */
@Component
class ProducerWarmUp {

    private final KafkaTemplate<String, byte[]> kafka;

    ProducerWarmUp(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadTopicMetadata() {
        kafka.partitionsFor(Topics.STATUS);
        kafka.partitionsFor(Topics.COMMANDS);
        kafka.partitionsFor(Topics.AUDIT);
        kafka.partitionsFor(Topics.CONTROL);
    }
}
