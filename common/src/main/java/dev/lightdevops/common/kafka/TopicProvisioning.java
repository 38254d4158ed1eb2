package dev.lightdevops.common.kafka;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every topic of the contract so that Spring's {@link KafkaAdmin} creates the missing ones at start. Imported
 * by both apps: whichever starts first provisions the cluster. Every topic carries the configured replication and
 * {@code min.insync.replicas}, so durability does not depend on the broker's defaults. A topic that exists already is
 * left as it is (KafkaAdmin only adds partitions).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaContractProperties.class)
public class TopicProvisioning {

    @Bean
    KafkaAdmin.NewTopics contractTopics(KafkaContractProperties settings) {
        return new KafkaAdmin.NewTopics(topics(settings).toArray(NewTopic[]::new));
    }

    /** The contract's topics as these settings declare them. */
    static List<NewTopic> topics(KafkaContractProperties settings) {
        String commandsRetention = String.valueOf(settings.commandsRetention().toMillis());
        String tombstones = String.valueOf(settings.tombstoneRetention().toMillis());
        return List.of(
                keyed(Topics.COMMANDS, settings).config(TopicConfig.RETENTION_MS_CONFIG, commandsRetention).build(),
                keyed(Topics.COMMANDS_DLT, settings).config(TopicConfig.RETENTION_MS_CONFIG, commandsRetention).build(),
                keyed(Topics.STATUS, settings).compact()
                        .config(TopicConfig.DELETE_RETENTION_MS_CONFIG, tombstones).build(),
                keyed(Topics.DEPLOYMENTS, settings).compact()
                        .config(TopicConfig.DELETE_RETENTION_MS_CONFIG, tombstones).build(),
                keyed(Topics.OBSERVED_DEPLOYMENTS, settings).compact()
                        .config(TopicConfig.DELETE_RETENTION_MS_CONFIG, tombstones).build(),
                keyed(Topics.CONTROL, settings)
                        .config(TopicConfig.RETENTION_MS_CONFIG, commandsRetention).build(),
                keyed(Topics.APPROVALS, settings)
                        .config(TopicConfig.RETENTION_MS_CONFIG, commandsRetention).build(),
                keyed(Topics.CONFIRMATIONS, settings)
                        .config(TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(settings.confirmationsRetention().toMillis())).build(),
                keyed(Topics.AUDIT, settings)
                        .config(TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(settings.auditRetention().toMillis())).build());
    }

    private static TopicBuilder keyed(String name, KafkaContractProperties settings) {
        return TopicBuilder.name(name).partitions(settings.partitions()).replicas(settings.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas()));
    }
}
