package dev.lightdevops.api.history;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Kafka's ids of the three topics the store reads. A topic deleted and created again gets a new id and starts its
 * offsets from zero again, so a stored position is only worth something for the id it was stored with.
 */
@Component
@Conditional(HistoryStoreConfigured.class)
class TopicIds {

    private static final Logger log = LoggerFactory.getLogger(TopicIds.class);

    private final KafkaAdmin kafka;

    TopicIds(KafkaAdmin kafka) {
        this.kafka = kafka;
    }

    /** The ids now; empty when Kafka cannot tell (then stored positions are trusted as they are). */
    Map<String, String> current() {
        try (Admin admin = Admin.create(kafka.getConfigurationProperties())) {
            Map<String, String> ids = new HashMap<>();
            admin.describeTopics(HistoryEndpoint.TOPICS).allTopicNames().get(10, TimeUnit.SECONDS)
                    .forEach((name, description) -> ids.put(name, description.topicId().toString()));
            return ids;
        } catch (Exception unavailable) {
            if (unavailable instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("history: could not read the topics' ids ({}); trusting the stored positions",
                    unavailable.toString());
            return Map.of();
        }
    }
}
