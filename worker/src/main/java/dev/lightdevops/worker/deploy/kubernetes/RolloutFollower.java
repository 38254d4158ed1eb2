package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.worker.deploy.DeployFailedException;
import dev.lightdevops.worker.deploy.kubernetes.RolloutDiagnosis.Stuck;
import dev.lightdevops.worker.execution.ProgressListener;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Follows one rollout to its end the way {@code kubectl rollout status} does, reading the Deployment every poll
 * interval and publishing each new status line (replicas updated, ready and available of desired) as the
 * operation's progress. It ends when the rollout completes, when the cluster says it failed
 * ({@code ProgressDeadlineExceeded}), when a stuck signal (image pull failing, crash loop, quota exceeded) lasted the
 * failure grace, or when an API server that stopped answering stayed silent past the tolerance (retryable). Its
 * thread's interrupt (cancellation, deadline) stops it at once.
 */
final class RolloutFollower {

    static final String STAGE = "rollout";

    private final KubernetesProperties settings;
    private final Clock clock;

    RolloutFollower(KubernetesProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Follows the rollout of {@code image} in {@code container}; answers the Deployment as it was when the rollout
     * completed. A failed rollout throws a {@link DeployFailedException} marked as having changed the Deployment
     * ({@code healthCheckFailed}), carrying {@code versionBefore} for an automatic rollback.
     */
    Deployment follow(ClusterDeployment target, String container, String image, String versionBefore,
            ProgressListener progress) throws InterruptedException {
        Silence silence = new Silence();
        String reported = null;
        Stuck stuck = null;
        Instant stuckSince = null;
        while (true) {
            Optional<Deployment> read = silence.tolerate(() -> target.require(STAGE), progress);
            if (read.isPresent()) {
                Deployment current = read.get();
                RolloutStatus status = RolloutStatus.of(current);
                switch (status) {
                    case RolloutStatus.Complete complete -> {
                        progress.report(new Progress(100, "complete", complete.message()));
                        return current;
                    }
                    case RolloutStatus.Failed failed -> throw rolloutFailed(failed.code(), failed.message(), image,
                            versionBefore);
                    case RolloutStatus.Waiting waiting -> {
                        Optional<List<Pod>> pods = silence.tolerate(() -> target.pods(current, STAGE), progress);
                        Optional<Stuck> signal = pods.flatMap(all -> RolloutDiagnosis.of(current, all, container,
                                image));
                        if (signal.isEmpty() || stuck == null || !signal.get().code().equals(stuck.code())) {
                            stuckSince = signal.isPresent() ? clock.instant() : null;
                        }
                        stuck = signal.orElse(null);
                        if (stuck != null && !clock.instant().isBefore(stuckSince.plus(settings.failureGrace()))) {
                            throw rolloutFailed(stuck.code(), explain(target, stuck), image, versionBefore);
                        }
                        String line = stuck == null ? waiting.message() : waiting.message() + "; " + stuck.message();
                        if (!line.equals(reported)) {
                            silence.percent = afterPatch(waiting.percent());
                            progress.report(new Progress(silence.percent, waiting.phase(), line));
                            reported = line;
                        }
                    }
                }
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    /** The operation's percent: the first 10 % were reading and patching the Deployment, the rollout is the rest. */
    private static int afterPatch(int rolloutPercent) {
        return 10 + rolloutPercent * 9 / 10;
    }

    /** An image pull failure in the kubelet's own words, from the pod's newest {@code Failed} event. */
    private static String explain(ClusterDeployment target, Stuck stuck) throws InterruptedException {
        if (!stuck.isImagePull() || stuck.pod() == null) {
            return stuck.message();
        }
        try {
            return RolloutDiagnosis.newestFailure(target.eventsOf(stuck.pod(), STAGE), stuck.pod())
                    .map(event -> stuck.message() + "; pod event: " + event).orElse(stuck.message());
        } catch (DeployFailedException eventsUnreadable) {
            return stuck.message();
        }
    }

    private static DeployFailedException rolloutFailed(String code, String message, String image,
            String versionBefore) {
        return new DeployFailedException(code, message + " (the Deployment's template now runs " + image + ")",
                STAGE, true, false, versionBefore);
    }

    /** How long the API server has not answered; within the tolerance a failed read is skipped, past it fatal. */
    private final class Silence {
        private Instant since;
        private int percent;

        interface Read<T> {
            T read() throws InterruptedException;
        }

        <T> Optional<T> tolerate(Read<T> read, ProgressListener progress) throws InterruptedException {
            try {
                T answer = read.read();
                since = null;
                return Optional.of(answer);
            } catch (DeployFailedException failed) {
                if (!ClusterErrors.isUnreachable(failed)) {
                    throw failed;
                }
                Instant now = clock.instant();
                if (since == null) {
                    since = now;
                    progress.report(new Progress(percent, STAGE, "the API server is not answering; still following "
                            + "for up to " + settings.unreachableTolerance().toSeconds() + " s: " + failed.getMessage()));
                }
                if (Duration.between(since, now).compareTo(settings.unreachableTolerance()) >= 0) {
                    throw failed;
                }
                return Optional.empty();
            }
        }
    }
}
