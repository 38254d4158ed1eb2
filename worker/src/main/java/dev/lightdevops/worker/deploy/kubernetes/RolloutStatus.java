package dev.lightdevops.worker.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Optional;

/**
 * Where a Deployment's rollout stands, read from the Deployment alone exactly as {@code kubectl rollout status}
 * reads it: until the controller has observed the newest generation nothing is known; then the
 * {@code ProgressDeadlineExceeded} reason of the {@code Progressing} condition is a failure; then the rollout waits
 * for every desired replica to be updated, for old replicas to terminate, and for the updated ones to be available.
 * A paused Deployment never progresses, so it is reported as such rather than waited on.
 */
sealed interface RolloutStatus {

    /** Still rolling out: how far (0..99), the phase, and kubectl's line about it with the replica counts. */
    record Waiting(int percent, String phase, String message) implements RolloutStatus {
    }

    record Complete(String message) implements RolloutStatus {
    }

    /** The rollout will not finish by itself: {@code code} is the operation's error code. */
    record Failed(String code, String message) implements RolloutStatus {
    }

    String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    static RolloutStatus of(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        long generation = orZero(deployment.getMetadata().getGeneration());
        long observed = status.getObservedGeneration() == null ? -1 : status.getObservedGeneration();
        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            return new Failed("deployment_paused", "Deployment " + name + " is paused: nothing rolls out until it is "
                    + "resumed (kubectl rollout resume deployment/" + name + ")");
        }
        if (generation > observed) {
            return new Waiting(0, "observing", "Waiting for deployment spec update to be observed (generation "
                    + generation + ", observed " + Math.max(observed, 0) + ")");
        }
        Optional<DeploymentCondition> progressing = condition(deployment, "Progressing");
        if (progressing.isPresent() && PROGRESS_DEADLINE_EXCEEDED.equals(progressing.get().getReason())) {
            return new Failed("progress_deadline_exceeded", "deployment \"" + name + "\" exceeded its progress "
                    + "deadline: " + progressing.get().getMessage() + " (" + counts(deployment) + ")");
        }
        int desired = desired(deployment);
        int updated = orZero(status.getUpdatedReplicas());
        int replicas = orZero(status.getReplicas());
        int available = orZero(status.getAvailableReplicas());
        int percent = percent(desired, updated, replicas, available);
        if (updated < desired) {
            return new Waiting(percent, "updating", "Waiting for deployment \"" + name + "\" rollout to finish: "
                    + updated + " out of " + desired + " new replicas have been updated (" + counts(deployment) + ")");
        }
        if (replicas > updated) {
            return new Waiting(percent, "terminating_old", "Waiting for deployment \"" + name + "\" rollout to "
                    + "finish: " + (replicas - updated) + " old replicas are pending termination ("
                    + counts(deployment) + ")");
        }
        if (available < updated) {
            return new Waiting(percent, "becoming_available", "Waiting for deployment \"" + name + "\" rollout to "
                    + "finish: " + available + " of " + updated + " updated replicas are available ("
                    + counts(deployment) + ")");
        }
        return new Complete("deployment \"" + name + "\" successfully rolled out (" + counts(deployment) + ")");
    }

    /** Desired replicas: {@code spec.replicas}, which the API server defaults to 1. */
    static int desired(Deployment deployment) {
        Integer replicas = deployment.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    static Optional<DeploymentCondition> condition(Deployment deployment, String type) {
        if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** {@code 3 desired, 2 updated, 2 ready, 3 available}: the status a person compares with kubectl's. */
    static String counts(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        return desired(deployment) + " desired, " + orZero(status.getUpdatedReplicas()) + " updated, "
                + orZero(status.getReadyReplicas()) + " ready, " + orZero(status.getAvailableReplicas())
                + " available";
    }

    /**
     * Half the way is replicas updated to the new template, the other half updated replicas available. Old pods may
     * be among the available ones while they linger, so only what exceeds them counts as new (a lower bound).
     */
    private static int percent(int desired, int updated, int replicas, int available) {
        if (desired == 0) {
            return 99;
        }
        int old = Math.max(0, replicas - updated);
        int newAvailable = Math.clamp(available - old, 0, updated);
        int done = Math.min(updated, desired) + Math.min(newAvailable, desired);
        return Math.min(99, done * 100 / (2 * desired));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
