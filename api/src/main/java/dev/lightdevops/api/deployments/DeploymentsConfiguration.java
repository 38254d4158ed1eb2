package dev.lightdevops.api.deployments;

import dev.lightdevops.common.deployment.DeploymentLedger;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The api's read-only view of {@code ops.deployments}, materialized from the beginning like every worker's, so
 * {@code list_deployments} answers from the same truth the workers roll back from. Only workers write the topic.
 */
@Configuration(proxyBeanMethods = false)
class DeploymentsConfiguration {

    @Bean
    DeploymentLedger deploymentLedger(KafkaProperties kafka) {
        return new DeploymentLedger(kafka.buildConsumerProperties());
    }
}
