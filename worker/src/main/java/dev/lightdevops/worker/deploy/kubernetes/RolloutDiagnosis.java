package dev.lightdevops.worker.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a rollout that is still waiting may never finish, read from what the cluster shows: the Deployment's
 * {@code ReplicaFailure} condition (pods that could not even be created: a quota exceeded, an admission refusal), and
 * the containers of the pods running the new template (an image that cannot be pulled, a container crash-looping or
 * missing its configuration). Each becomes a {@link Stuck} signal with the error code of the operation; the follower
 * fails the rollout once a signal lasted the configured grace. Pure: the follower does the reading.
 */
final class RolloutDiagnosis {

    static final Set<String> IMAGE_PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "RegistryUnavailable");
    static final Set<String> CONFIG_FAILURES = Set.of("CreateContainerConfigError", "CreateContainerError");

    private RolloutDiagnosis() {
    }

    /** A signal that the rollout is stuck; {@code pod} names the pod showing it, if one does. */
    record Stuck(String code, String message, String pod) {
        boolean isImagePull() {
            return "image_pull_failed".equals(code);
        }
    }

    /** The first stuck signal, replica failures first (no pod exists to show anything else then). */
    static Optional<Stuck> of(Deployment deployment, List<Pod> pods, String container, String newImage) {
        return replicaFailure(deployment).or(() -> pods.stream()
                .filter(pod -> runs(pod, container, newImage))
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                .flatMap(pod -> containerFailure(pod, container).stream()).findFirst());
    }

    /**
     * Why an image pull failed, in the kubelet's words: the newest {@code Failed} event of the pod, preferring one
     * that says why ({@code Failed to pull image ...: not found}) over the bare {@code Error: ImagePullBackOff}.
     */
    static Optional<String> newestFailure(List<Event> events, String pod) {
        return events.stream()
                .filter(event -> event.getInvolvedObject() != null && pod.equals(event.getInvolvedObject().getName()))
                .filter(event -> "Failed".equals(event.getReason()) && event.getMessage() != null)
                .max(Comparator.comparing((Event event) -> !event.getMessage().startsWith("Error:"))
                        .thenComparing(RolloutDiagnosis::when))
                .map(Event::getMessage);
    }

    private static Optional<Stuck> replicaFailure(Deployment deployment) {
        return RolloutStatus.condition(deployment, "ReplicaFailure")
                .filter(condition -> "True".equals(condition.getStatus()))
                .map(condition -> {
                    String message = condition.getMessage() == null ? condition.getReason() : condition.getMessage();
                    boolean quota = message != null && message.contains("exceeded quota");
                    return new Stuck(quota ? "quota_exceeded" : "replica_failure", (quota
                            ? "the namespace's resource quota refuses the new pods: "
                            : "the new pods cannot be created: ") + message, null);
                });
    }

    private static Optional<Stuck> containerFailure(Pod pod, String container) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        String name = pod.getMetadata().getName();
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
            if (!container.equals(status.getName()) || waiting == null || waiting.getReason() == null) {
                continue;
            }
            String reason = waiting.getReason();
            String detail = waiting.getMessage() == null ? "" : ": " + waiting.getMessage();
            if (IMAGE_PULL_FAILURES.contains(reason)) {
                return Optional.of(new Stuck("image_pull_failed", "pod " + name + " cannot pull image "
                        + status.getImage() + " (" + reason + detail + ")", name));
            }
            if ("CrashLoopBackOff".equals(reason)) {
                Integer exit = status.getLastState() == null || status.getLastState().getTerminated() == null ? null
                        : status.getLastState().getTerminated().getExitCode();
                return Optional.of(new Stuck("crash_loop", "pod " + name + " container " + container
                        + " keeps crashing (CrashLoopBackOff, " + status.getRestartCount() + " restarts"
                        + (exit == null ? "" : ", last exit code " + exit) + ")", name));
            }
            if (CONFIG_FAILURES.contains(reason)) {
                return Optional.of(new Stuck("container_config_error", "pod " + name + " container " + container
                        + " cannot start (" + reason + detail + ")", name));
            }
        }
        return Optional.empty();
    }

    private static boolean runs(Pod pod, String container, String image) {
        return pod.getSpec() != null && pod.getSpec().getContainers() != null && pod.getSpec().getContainers()
                .stream().anyMatch(c -> container.equals(c.getName()) && image.equals(c.getImage()));
    }

    private static String when(Event event) {
        String at = event.getLastTimestamp() != null ? event.getLastTimestamp() : event.getEventTime() != null
                ? event.getEventTime().getTime() : event.getFirstTimestamp();
        return at == null ? "" : at;
    }
}
