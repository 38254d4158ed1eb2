package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentLedger;
import dev.lightdevops.common.deployment.ObservedDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/**
 * Keeps {@code ops.deployments.observed} current: every observe interval it reads what the cluster shows for every
 * target the project knows (each key of the ledger, and each target the configuration names with its environment)
 * and publishes it if it changed, or if no worker published it within the interval, so that its
 * {@code observed_at} tells how fresh it is. Several workers may observe the same targets; each skips what another
 * just published.
 */
class ClusterObserver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterObserver.class);

    private final DeploymentLedger ledger;
    private final KubernetesTargets targets;
    private final ClusterConnections connections;
    private final ClusterObservations observations;
    private final Duration interval;
    private SimpleAsyncTaskScheduler scheduler;
    private ScheduledFuture<?> task;

    ClusterObserver(DeploymentLedger ledger, KubernetesTargets targets, ClusterConnections connections,
            ClusterObservations observations, KubernetesProperties settings) {
        this.ledger = ledger;
        this.targets = targets;
        this.connections = connections;
        this.observations = observations;
        this.interval = settings.observeInterval();
    }

    /** Observes every known target once. */
    void observeAll() {
        SortedSet<String> keys = new TreeSet<>(targets.configuredKeys());
        ledger.all().stream().map(Deployment::key).forEach(keys::add);
        for (String key : keys) {
            int at = key.lastIndexOf('@');
            try {
                observe(key.substring(0, at), key.substring(at + 1));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException oneTargetFailed) {
                // One unusable target (say its context cannot be loaded) must not keep the others from being observed.
                log.warn("could not observe {} in its cluster: {}", key, oneTargetFailed.toString());
            }
        }
    }

    private void observe(String service, String environment) throws InterruptedException {
        DeploymentRef ref = targets.resolve(service, environment);
        ObservedDeployment now = observations.read(new ClusterDeployment(connections.to(ref.context()), ref));
        Optional<ObservedDeployment> last = ledger.observed(now.key());
        boolean fresh = last.map(seen -> seen.sameStateAs(now) && seen.observedAt() != null
                && seen.observedAt().isAfter(now.observedAt().minus(interval))).orElse(false);
        if (!fresh) {
            observations.publish(now);
        }
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = new SimpleAsyncTaskScheduler();
        scheduler.setVirtualThreads(true);
        scheduler.setThreadNamePrefix("cluster-observer-");
        task = scheduler.scheduleWithFixedDelay(this::observeAll, Instant.now().plus(interval), interval);
    }

    @Override
    public void stop() {
        if (task != null) {
            task.cancel(true);
            task = null;
        }
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }
}
