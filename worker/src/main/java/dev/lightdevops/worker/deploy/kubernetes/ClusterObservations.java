package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.common.deployment.ObservedDeployment;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.worker.deploy.DeployFailedException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Reads what a cluster says is live on a target (image, replicas, rollout state) and publishes it to
 * {@code ops.deployments.observed}, where every api instance reads it for {@code list_deployments} (the api never
 * talks to a cluster). An observation is advisory: one that cannot be read says why in its state, and one that
 * cannot be published is logged and replaced by the next.
 */
class ClusterObservations {

    private static final Logger log = LoggerFactory.getLogger(ClusterObservations.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final String observer = ManagementFactory.getRuntimeMXBean().getName();

    ClusterObservations(KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /** What the cluster shows now; a Deployment that is missing or cannot be read is observed as such. */
    ObservedDeployment read(ClusterDeployment cluster) throws InterruptedException {
        DeploymentRef ref = cluster.ref();
        try {
            Deployment deployment = cluster.find("observe");
            if (deployment == null) {
                return withoutDeployment(cluster, ObservedDeployment.STATE_NOT_FOUND,
                        cluster.notFound("observe").getMessage());
            }
            TargetContainer container = TargetContainer.of(deployment, ref);
            DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
            ObservedDeployment.Replicas replicas = new ObservedDeployment.Replicas(RolloutStatus.desired(deployment),
                    orZero(status.getUpdatedReplicas()), orZero(status.getReadyReplicas()),
                    orZero(status.getAvailableReplicas()));
            RolloutStatus rollout = RolloutStatus.of(deployment);
            String state = switch (rollout) {
                case RolloutStatus.Complete complete -> ObservedDeployment.STATE_AVAILABLE;
                case RolloutStatus.Waiting waiting -> ObservedDeployment.STATE_PROGRESSING;
                case RolloutStatus.Failed failed -> "deployment_paused".equals(failed.code())
                        ? ObservedDeployment.STATE_PAUSED : ObservedDeployment.STATE_FAILED;
            };
            String message = switch (rollout) {
                case RolloutStatus.Complete complete -> complete.message();
                case RolloutStatus.Waiting waiting -> waiting.message();
                case RolloutStatus.Failed failed -> failed.message();
            };
            long revision = RevisionHistory.revisionOf(deployment);
            return new ObservedDeployment(ref.service(), ref.environment(), KubernetesDeployTarget.NAME,
                    cluster.cluster(), ref.namespace(), ref.name(), container.name(), container.image().toString(),
                    container.image().tag(), replicas, revision < 0 ? null : revision, state, message,
                    clock.instant(), observer);
        } catch (DeployFailedException unreadable) {
            return withoutDeployment(cluster, ObservedDeployment.STATE_UNREADABLE,
                    unreadable.getMessage());
        }
    }

    /** Publishes the observation; a failure is logged, since the next observation replaces it anyway. */
    void publish(ObservedDeployment observation) {
        try {
            kafka.send(Topics.OBSERVED_DEPLOYMENTS, observation.key(), ContractJson.write(observation))
                    .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notPublished) {
            log.warn("could not publish what the cluster shows for {}: {}", observation.key(),
                    notPublished.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ObservedDeployment withoutDeployment(ClusterDeployment cluster, String state, String message) {
        DeploymentRef ref = cluster.ref();
        return new ObservedDeployment(ref.service(), ref.environment(), KubernetesDeployTarget.NAME,
                cluster.cluster(), ref.namespace(), ref.name(), null, null, null, null, null, state, message,
                clock.instant(), observer);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
