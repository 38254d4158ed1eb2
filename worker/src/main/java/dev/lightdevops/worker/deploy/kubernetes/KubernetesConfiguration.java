package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.common.deployment.DeploymentLedger;
import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.Placement;
import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.TargetMapping;
import dev.lightdevops.worker.execution.RunningOperations;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The Kubernetes target's parts, made only with {@code devops.deploy.target=kubernetes}. A configuration that cannot
 * work stops the worker at start, naming the setting: a kubeconfig or context that cannot be loaded, a configured
 * patch that is not valid JSON or YAML or names an unknown placeholder.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "devops.deploy.target", havingValue = "kubernetes")
class KubernetesConfiguration {

    @Bean
    KubernetesTargets kubernetesTargets(KubernetesProperties settings) {
        return new KubernetesTargets(settings);
    }

    @Bean(destroyMethod = "close")
    ClusterConnections clusterConnections(KubernetesProperties settings) {
        ClusterConnections connections = new ClusterConnections(settings);
        Stream.concat(Stream.concat(Stream.of(settings.context()),
                                settings.environments().values().stream().map(Placement::context)),
                        settings.targets().stream().map(TargetMapping::context))
                .distinct().forEach(context -> {
                    try {
                        connections.to(context);
                    } catch (RuntimeException unusable) {
                        throw new IllegalStateException("devops.deploy.kubernetes: " + unusable.getMessage(),
                                unusable);
                    }
                });
        return connections;
    }

    @Bean
    DeploymentPatches deploymentPatches(KubernetesProperties settings) {
        DeploymentPatches patches = new DeploymentPatches(new KubernetesSerialization());
        Map<String, String> sample = Map.of("version", "1.0.0", "image", "registry.example/app:1.0.0", "service",
                "app", "environment", "staging", "operation_id", "sample");
        for (int i = 0; i < settings.targets().size(); i++) {
            TargetMapping mapping = settings.targets().get(i);
            if (mapping.patch() == null || mapping.patch().isBlank()) {
                continue;
            }
            try {
                patches.configured(new DeploymentBuilder().withNewMetadata().endMetadata().build(),
                        new ConfiguredPatch(mapping.patch(), mapping.patchType()), sample, "validation");
            } catch (RuntimeException invalid) {
                throw new IllegalStateException("devops.deploy.kubernetes.targets[" + i + "].patch is not a usable "
                        + mapping.patchType() + " patch: " + invalid.getMessage(), invalid);
            }
        }
        return patches;
    }

    @Bean
    ClusterObservations clusterObservations(KafkaTemplate<String, byte[]> kafka, Clock clock) {
        return new ClusterObservations(kafka, clock);
    }

    @Bean
    KubernetesDeployTarget kubernetesDeployTarget(KubernetesTargets targets, ClusterConnections connections,
            DeploymentPatches patches, ClusterObservations observations, RunningOperations running,
            KubernetesProperties settings, Clock clock) {
        return new KubernetesDeployTarget(targets, connections, patches, new RolloutFollower(settings, clock),
                observations, running, settings);
    }

    @Bean
    ClusterObserver clusterObserver(DeploymentLedger ledger, KubernetesTargets targets,
            ClusterConnections connections, ClusterObservations observations, KubernetesProperties settings) {
        return new ClusterObserver(ledger, targets, connections, observations, settings);
    }
}
