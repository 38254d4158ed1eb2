package dev.lightdevops.common.kafka;

import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every topic of the contract so that Spring's {@link KafkaAdmin} creates the missing ones at start. Imported
 * by both apps: whichever starts first provisions the cluster.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaContractProperties.class)
public class TopicProvisioning {

    @Bean
    KafkaAdmin.NewTopics contractTopics(KafkaContractProperties settings) {
        String commandsRetention = String.valueOf(settings.commandsRetention().toMillis());
        String tombstones = String.valueOf(settings.tombstoneRetention().toMillis());
        return new KafkaAdmin.NewTopics(
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
                keyed(Topics.AUDIT, settings)
                        .config(TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(settings.auditRetention().toMillis())).build());
    }

    private static TopicBuilder keyed(String name, KafkaContractProperties settings) {
        return TopicBuilder.name(name).partitions(settings.partitions()).replicas(settings.replicationFactor());
    }
}
