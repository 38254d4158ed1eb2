package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.common.deployment.ObservedDeployment;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.worker.deploy.DeployFailedException;
import dev.lightdevops.worker.deploy.DeploySpec;
import dev.lightdevops.worker.deploy.DeployTarget;
import dev.lightdevops.worker.deploy.kubernetes.DeploymentPatches.Patch;
import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.OnStop;
import dev.lightdevops.worker.execution.ProgressListener;
import dev.lightdevops.worker.execution.RunningOperations;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys to Kubernetes: a deploy sets the image tag of the target's container to the version (or applies the
 * configured patch) and follows the rollout like {@code kubectl rollout status}; a rollback restores the pod template
 * of the newest earlier revision that ran the version (its ReplicaSet's), or sets the image when no revision kept
 * it. Nothing is changed before the Deployment, its container and the new image were found valid. A stopped deploy
 * stops following; on a cancel or deadline, and where configured, it also restores the template it replaced (never
 * on a hand-over, since the partition's new owner runs the next attempt). After every deploy and rollback, what the
 * cluster shows is published for {@code list_deployments}.
 */
class KubernetesDeployTarget implements DeployTarget {

    static final String NAME = "kubernetes";
    private static final Logger log = LoggerFactory.getLogger(KubernetesDeployTarget.class);
    private static final int MAX_CAUSE = 500;

    private final KubernetesTargets targets;
    private final ClusterConnections connections;
    private final DeploymentPatches patches;
    private final RolloutFollower follower;
    private final ClusterObservations observations;
    private final RunningOperations running;
    private final KubernetesProperties settings;

    KubernetesDeployTarget(KubernetesTargets targets, ClusterConnections connections, DeploymentPatches patches,
            RolloutFollower follower, ClusterObservations observations, RunningOperations running,
            KubernetesProperties settings) {
        this.targets = targets;
        this.connections = connections;
        this.patches = patches;
        this.follower = follower;
        this.observations = observations;
        this.running = running;
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> deploy(DeploySpec spec, ProgressListener progress) throws InterruptedException {
        ClusterDeployment cluster = open(spec);
        Deployment before = validated(cluster, progress);
        TargetContainer container = TargetContainer.of(before, cluster.ref());
        String image = container.imageFor(spec.version(), cluster.ref());
        Patch patch = cluster.ref().patch() == null
                ? patches.setImage(before, container.index(), container.name(), image, cause("deploy", spec))
                : patches.configured(before, cluster.ref().patch(), values(spec, image), cause("deploy", spec));
        progress.report(new Progress(5, "patch", patch.describe() + " on " + cluster.ref().describe()));
        cluster.patch(patch, "patch");
        try {
            Deployment done = follower.follow(cluster, container.name(), image, container.image().tag(), progress);
            return details(cluster, done, container.name(), image, container.image().toString(), patch.describe());
        } catch (InterruptedException stopped) {
            restoreIfConfigured(spec, cluster, before);
            throw stopped;
        } catch (RuntimeException stoppedOrFailed) {
            restoreIfConfigured(spec, cluster, before);
            throw stoppedOrFailed;
        } finally {
            publishObservation(cluster);
        }
    }

    @Override
    public Map<String, Object> rollback(DeploySpec spec, ProgressListener progress) throws InterruptedException {
        ClusterDeployment cluster = open(spec);
        Deployment before = validated(cluster, progress);
        TargetContainer container = TargetContainer.of(before, cluster.ref());
        try {
            if (spec.version().equals(container.image().tag())) {
                progress.report(new Progress(5, "patch", cluster.ref().describe() + " already runs "
                        + container.image() + ": following its rollout"));
                Deployment done = follower.follow(cluster, container.name(), container.image().toString(),
                        container.image().tag(), progress);
                return details(cluster, done, container.name(), container.image().toString(),
                        container.image().toString(), "none: it already ran " + container.image());
            }
            Optional<ReplicaSet> revision = RevisionHistory.newestWith(cluster.replicaSets(before, "validate"),
                    before, container.name(), spec.version());
            String image = revision.flatMap(rs -> RevisionHistory.imageOf(rs.getSpec().getTemplate(),
                    container.name())).orElseGet(() -> container.imageFor(spec.version(), cluster.ref()));
            String cause = cause("rollback", spec);
            Patch patch = revision.map(rs -> patches.restoreTemplate(before, rs.getSpec().getTemplate(),
                            String.valueOf(RevisionHistory.revisionOf(rs)), cause))
                    .orElseGet(() -> cluster.ref().patch() == null
                            ? patches.setImage(before, container.index(), container.name(), image, cause)
                            : patches.configured(before, cluster.ref().patch(), values(spec, image), cause));
            progress.report(new Progress(5, "patch", patch.describe() + " on " + cluster.ref().describe()));
            cluster.patch(patch, "patch");
            Deployment done = follower.follow(cluster, container.name(), image, container.image().tag(), progress);
            return details(cluster, done, container.name(), image, container.image().toString(), patch.describe());
        } finally {
            publishObservation(cluster);
        }
    }

    @Override
    public Optional<ObservedDeployment> observe(String service, String environment) throws InterruptedException {
        DeploymentRef ref = targets.resolve(service, environment);
        try {
            return Optional.of(observations.read(new ClusterDeployment(connections.to(ref.context()), ref)));
        } catch (DeployFailedException unusable) {
            return Optional.empty();
        }
    }

    private ClusterDeployment open(DeploySpec spec) {
        DeploymentRef ref = targets.resolve(spec.service(), spec.environment());
        return new ClusterDeployment(connections.to(ref.context()), ref);
    }

    /** The Deployment as it is before any change, refused if paused (a paused Deployment never rolls out). */
    private static Deployment validated(ClusterDeployment cluster, ProgressListener progress)
            throws InterruptedException {
        progress.report(new Progress(2, "validate", "reading " + cluster.ref().describe() + " in cluster "
                + cluster.cluster()));
        Deployment before = cluster.require("validate");
        if (Boolean.TRUE.equals(before.getSpec().getPaused())) {
            throw new DeployFailedException("deployment_paused", cluster.ref().describe() + " is paused, so "
                    + "nothing would roll out: resume it first (kubectl rollout resume deployment/"
                    + cluster.ref().name() + " -n " + cluster.ref().namespace() + ")", "validate", false, false);
        }
        return before;
    }

    /**
     * After a cancel or a deadline, restores the pod template the deploy replaced when the configuration asks for
     * it; one patch, not followed. Anything else (a failure, a hand-over) leaves the Deployment as it is.
     */
    private void restoreIfConfigured(DeploySpec spec, ClusterDeployment cluster, Deployment before) {
        OnStop policy = running.stopReason(spec.operationId()).map(reason -> switch (reason) {
            case CANCELLED -> settings.onCancel();
            case DEADLINE -> settings.onDeadline();
            case HANDED_OVER -> OnStop.STOP;
        }).orElse(OnStop.STOP);
        if (policy != OnStop.ROLLBACK) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            cluster.patch(patches.restoreTemplate(before, before.getSpec().getTemplate(), "before " + spec.version(),
                    cause("stopped deploy", spec)), "rollback");
            log.info("deploy {} of {} was stopped: restored the pod template of {} it replaced", spec.operationId(),
                    spec.version(), cluster.ref().describe());
        } catch (InterruptedException | RuntimeException notRestored) {
            log.warn("deploy {} of {} was stopped, but restoring the pod template of {} failed: {}",
                    spec.operationId(), spec.version(), cluster.ref().describe(), notRestored.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void publishObservation(ClusterDeployment cluster) {
        boolean interrupted = Thread.interrupted();
        try {
            observations.publish(observations.read(cluster));
        } catch (InterruptedException stillStopping) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, Object> details(ClusterDeployment cluster, Deployment done, String container,
            String image, String previousImage, String change) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cluster", cluster.cluster());
        details.put("namespace", cluster.ref().namespace());
        details.put("deployment", cluster.ref().name());
        details.put("container", container);
        details.put("image", image);
        details.put("previous_image", previousImage);
        details.put("change", change);
        long revision = RevisionHistory.revisionOf(done);
        if (revision >= 0) {
            details.put("revision", revision);
        }
        details.put("replicas", RolloutStatus.desired(done));
        details.put("rollout", RolloutStatus.counts(done));
        return details;
    }

    private static Map<String, String> values(DeploySpec spec, String image) {
        return Map.of("version", spec.version(), "image", image, "service", spec.service(), "environment",
                spec.environment(), "operation_id", spec.operationId());
    }

    /** Why this revision exists, for {@code kubectl rollout history}. */
    private static String cause(String action, DeploySpec spec) {
        String who = spec.operation() == null || spec.operation().requestedBy() == null ? "unknown"
                : spec.operation().requestedBy();
        String cause = "light-devops " + action + " " + spec.version() + " by " + who + " (operation "
                + spec.operationId() + ")" + (spec.reason() == null ? "" : ": " + spec.reason());
        return cause.length() <= MAX_CAUSE ? cause : cause.substring(0, MAX_CAUSE);
    }
}
