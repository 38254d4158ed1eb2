package dev.lightdevops.common.deployment;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.CompactedTopicReader;
import dev.lightdevops.common.kafka.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.context.SmartLifecycle;

/**
 * This process's materialized view of {@code ops.deployments} and, beside it, of {@code ops.deployments.observed}
 * (what the deploy targets themselves report is live), each through a {@link CompactedTopicReader}: the latest record
 * per {@code service@environment} of each. Workers and api instances each hold one, so what is live survives
 * restarts and is the same everywhere. {@link #awaitCaughtUp} lets a reader see every record written before the call,
 * whichever process wrote it; it returns as soon as the view has applied them.
 */
public class DeploymentLedger implements SmartLifecycle {

    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, ObservedDeployment> observed = new ConcurrentHashMap<>();
    private final CompactedTopicReader reader;
    private final CompactedTopicReader observations;

    /** @param consumerConfig the app's Kafka consumer settings (bootstrap servers, security) */
    public DeploymentLedger(Map<String, Object> consumerConfig) {
        this.reader = new CompactedTopicReader(Topics.DEPLOYMENTS, consumerConfig, CompactedTopicReader.byKey(
                value -> ContractJson.read(value, Deployment.class), deployments::put, deployments::remove));
        this.observations = new CompactedTopicReader(Topics.OBSERVED_DEPLOYMENTS, consumerConfig,
                CompactedTopicReader.byKey(value -> ContractJson.read(value, ObservedDeployment.class),
                        observed::put, observed::remove));
    }

    public Optional<Deployment> find(String key) {
        return Optional.ofNullable(deployments.get(key));
    }

    /** Every known target, ordered by key. */
    public List<Deployment> all() {
        return deployments.values().stream().sorted(Comparator.comparing(Deployment::key)).toList();
    }

    /** What the deploy target last reported is live on {@code key}, if a worker observed it. */
    public Optional<ObservedDeployment> observed(String key) {
        return Optional.ofNullable(observed.get(key));
    }

    /** Every observed target, ordered by key. */
    public List<ObservedDeployment> allObserved() {
        return observed.values().stream().sorted(Comparator.comparing(ObservedDeployment::key)).toList();
    }

    /**
     * Waits until every record that was on both topics when this was called has been applied (what a listing of
     * everything needs).
     *
     * @throws TimeoutException when that takes longer than {@code timeout}
     */
    public void awaitCaughtUp(Duration timeout) throws InterruptedException, TimeoutException {
        CompletableFuture<Boolean> ledger = reader.awaitCaughtUp(timeout);
        CompletableFuture<Boolean> seen = observations.awaitCaughtUp(timeout);
        await(ledger.thenCombine(seen, Boolean::logicalAnd), timeout);
    }

    /**
     * Waits until every record that was on {@code ops.deployments} for {@code key} (its partition) when this was
     * called has been applied: all a deploy or rollback of that one target needs (observations are advisory and not
     * waited for).
     *
     * @throws TimeoutException when that takes longer than {@code timeout}
     */
    public void awaitCaughtUp(String key, Duration timeout) throws InterruptedException, TimeoutException {
        await(reader.awaitCaughtUp(key, timeout), timeout);
    }

    private static void await(CompletableFuture<Boolean> caughtUp, Duration timeout)
            throws InterruptedException, TimeoutException {
        try {
            if (!caughtUp.get()) {
                throw new TimeoutException("the deployments view did not catch up within " + timeout);
            }
        } catch (ExecutionException impossible) {
            throw new IllegalStateException("the deployments view failed", impossible.getCause());
        }
    }

    @Override
    public void start() {
        reader.start();
        observations.start();
    }

    @Override
    public void stop() {
        observations.stop();
        reader.stop();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }

    @Override
    public int getPhase() {
        return reader.getPhase();
    }
}
