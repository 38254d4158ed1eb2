package dev.lightdevops.common.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a deploy target itself reports is live on one {@code service@environment} (a Kubernetes Deployment's image,
 * replicas and rollout state), as a worker last read it: the value of {@code ops.deployments.observed} under that
 * key. It stands beside the project's own ledger ({@link Deployment}) and never changes it, so the two can disagree,
 * and showing that they do is its purpose (someone ran {@code kubectl set image}; a failed rollout was left behind).
 *
 * @param via the target that observed it ({@code kubernetes})
 * @param cluster the kubeconfig context read, or {@code in-cluster}
 * @param version the version live by the target's own reading (Kubernetes: the container image's tag)
 * @param revision the Deployment's revision ({@code deployment.kubernetes.io/revision})
 * @param state one of the {@code STATE_*} values
 * @param message what the state means for a person (the rollout's status line, or why it could not be read)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObservedDeployment(String service, String environment, String via, String cluster, String namespace,
        String deployment, String container, String image, String version, Replicas replicas, Long revision,
        String state, String message, Instant observedAt, String observedBy) {

    /** The rollout is complete: every desired replica runs the current template and is available. */
    public static final String STATE_AVAILABLE = "available";
    /** A rollout is under way (or the controller has not yet seen the newest spec). */
    public static final String STATE_PROGRESSING = "progressing";
    /** The rollout failed by the cluster's own verdict ({@code ProgressDeadlineExceeded}). */
    public static final String STATE_FAILED = "failed";
    /** The Deployment is paused: nothing rolls out until it is resumed. */
    public static final String STATE_PAUSED = "paused";
    /** There is no such Deployment where the configuration says it is. */
    public static final String STATE_NOT_FOUND = "not_found";
    /** The worker could not read it (forbidden, unreachable): {@code message} says why. */
    public static final String STATE_UNREADABLE = "unreadable";

    /** Replica counts of the Deployment: the desired ones and, from its status, updated, ready and available ones. */
    public record Replicas(int desired, int updated, int ready, int available) {
    }

    public String key() {
        return service + "@" + environment;
    }

    /** Whether {@code other} says the same about the target, whoever observed it and whenever. */
    public boolean sameStateAs(ObservedDeployment other) {
        return other != null && Objects.equals(image, other.image) && Objects.equals(version, other.version)
                && Objects.equals(replicas, other.replicas) && Objects.equals(revision, other.revision)
                && Objects.equals(state, other.state) && Objects.equals(message, other.message)
                && Objects.equals(cluster, other.cluster) && Objects.equals(namespace, other.namespace)
                && Objects.equals(deployment, other.deployment) && Objects.equals(container, other.container);
    }
}
