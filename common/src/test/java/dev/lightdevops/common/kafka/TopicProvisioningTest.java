package dev.lightdevops.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The topics the apps create carry the configured durability, and a durability no cluster could meet stops the start. */
class TopicProvisioningTest {

    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withUserConfiguration(TopicProvisioning.class);

    @Test
    void everyContractTopicCarriesTheConfiguredReplicationAndMinInsyncReplicas() {
        app.withPropertyValues("devops.kafka.replication-factor=3", "devops.kafka.min-insync-replicas=2")
                .run(context -> {
                    assertThat(context).hasSingleBean(org.springframework.kafka.core.KafkaAdmin.NewTopics.class);
                    var topics = TopicProvisioning.topics(context.getBean(KafkaContractProperties.class));
                    assertThat(topics).extracting(NewTopic::name).contains(Topics.COMMANDS, Topics.STATUS,
                            Topics.CONTROL, Topics.AUDIT, Topics.DEPLOYMENTS, Topics.COMMANDS_DLT, Topics.APPROVALS,
                            Topics.CONFIRMATIONS);
                    assertThat(topics).allSatisfy(topic -> {
                        assertThat(topic.replicationFactor()).as(topic.name()).isEqualTo((short) 3);
                        assertThat(topic.configs()).as(topic.name())
                                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
                    });
                });
    }

    @Test
    void aSingleBrokerDefaultAsksForOneInsyncReplica() {
        app.run(context -> assertThat(TopicProvisioning.topics(context.getBean(KafkaContractProperties.class)))
                .allSatisfy(topic -> assertThat(topic.configs())
                        .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1")));
    }

    @Test
    void moreInsyncReplicasThanReplicasStopsTheStart() {
        app.withPropertyValues("devops.kafka.replication-factor=1", "devops.kafka.min-insync-replicas=2")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("devops.kafka")
                        .hasMessageContaining("min-insync-replicas must not exceed replication-factor"));
    }
}
