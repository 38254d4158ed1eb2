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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This process's materialized view of {@code ops.deployments} (through a {@link CompactedTopicReader}): the latest
 * record per {@code service@environment}. Workers and api instances each hold one, so what is live survives restarts
 * and is the same everywhere. {@link #awaitCaughtUp} lets a reader see every record written before the call,
 * whichever process wrote it; it returns as soon as the view has applied them.
 */
public class DeploymentLedger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeploymentLedger.class);

    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    private final CompactedTopicReader reader;

    /** @param consumerConfig the app's Kafka consumer settings (bootstrap servers, security) */
    public DeploymentLedger(Map<String, Object> consumerConfig) {
        this.reader = new CompactedTopicReader(Topics.DEPLOYMENTS, consumerConfig, this::apply);
    }

    public Optional<Deployment> find(String key) {
        return Optional.ofNullable(deployments.get(key));
    }

    /** Every known target, ordered by key. */
    public List<Deployment> all() {
        return deployments.values().stream().sorted(Comparator.comparing(Deployment::key)).toList();
    }

    /**
     * Waits until every record that was on the topic when this was called has been applied.
     *
     * @throws TimeoutException when that takes longer than {@code timeout}
     */
    public void awaitCaughtUp(Duration timeout) throws InterruptedException, TimeoutException {
        await(reader.awaitCaughtUp(timeout), timeout);
    }

    /**
     * Waits until every record that was on the topic for {@code key} (its partition) when this was called has been
     * applied: all a reader of that one target needs.
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
    }

    @Override
    public void stop() {
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

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            deployments.remove(record.key());
            return;
        }
        try {
            deployments.put(record.key(), ContractJson.read(record.value(), Deployment.class));
        } catch (RuntimeException unreadable) {
            log.warn("skipping an unreadable {} record at offset {}: {}", Topics.DEPLOYMENTS, record.offset(),
                    unreadable.toString());
        }
    }
}
