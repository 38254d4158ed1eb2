package dev.lightdevops.common.deployment;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This process's materialized view of {@code ops.deployments} and, beside it, of {@code ops.deployments.observed}
 * (what the deploy targets themselves report is live): it reads every partition of both from the beginning, commits
 * nothing, and keeps the latest record per {@code service@environment} of each. Workers and api instances each hold
 * one, so what is live survives restarts and is the same everywhere. {@link #awaitCaughtUp} lets a reader see every
 * record written before the call, whichever process wrote it.
 */
public class DeploymentLedger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeploymentLedger.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, Object> consumerConfig;
    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, ObservedDeployment> observed = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    /** @param consumerConfig the app's Kafka consumer settings (bootstrap servers, security); group and offsets are ours */
    public DeploymentLedger(Map<String, Object> consumerConfig) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "devops-deployments-view-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        this.consumerConfig = Map.copyOf(config);
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
     * Waits until every record that was on the topic when this was called has been applied.
     *
     * @throws TimeoutException when that takes longer than {@code timeout}
     */
    public void awaitCaughtUp(Duration timeout) throws InterruptedException, TimeoutException {
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        catchUpRequests.add(caughtUp);
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the deployments view failed", failed.getCause());
        } finally {
            catchUpRequests.remove(caughtUp);
        }
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::pollUntilStopped, "deployments-view");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(Duration.ofSeconds(10).toMillis());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void pollUntilStopped() {
        try (KafkaConsumer<String, byte[]> reader = consumer) {
            List<TopicPartition> partitions = Stream.of(Topics.DEPLOYMENTS, Topics.OBSERVED_DEPLOYMENTS)
                    .flatMap(topic -> reader.partitionsFor(topic, Duration.ofSeconds(30)).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<CompletableFuture<Void>, Map<TopicPartition, Long>> pending = new HashMap<>();
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                        apply(record);
                    }
                    answerCatchUpRequests(reader, partitions, pending);
                } catch (RetriableException transientFailure) {
                    // The broker is restarting or unreachable for a moment: keep the view and try again.
                    log.warn("the deployments view could not read {} for now: {}", Topics.DEPLOYMENTS,
                            transientFailure.toString());
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up: leave the loop.
        } catch (RuntimeException failure) {
            log.error("the deployments view stopped reading {}", Topics.DEPLOYMENTS, failure);
            catchUpRequests.forEach(request -> request.completeExceptionally(failure));
        } finally {
            running = false;
        }
    }

    private void answerCatchUpRequests(KafkaConsumer<String, byte[]> reader, Collection<TopicPartition> partitions,
            Map<CompletableFuture<Void>, Map<TopicPartition, Long>> pending) {
        List<CompletableFuture<Void>> asked = new ArrayList<>();
        CompletableFuture<Void> request;
        while ((request = catchUpRequests.poll()) != null) {
            asked.add(request);
        }
        if (!asked.isEmpty()) {
            try {
                Map<TopicPartition, Long> ends = reader.endOffsets(partitions, END_OFFSETS_TIMEOUT);
                asked.forEach(waiting -> pending.put(waiting, ends));
            } catch (RetriableException notNow) {
                catchUpRequests.addAll(asked);
                throw notNow;
            }
        }
        pending.entrySet().removeIf(entry -> {
            boolean done = entry.getKey().isDone() || entry.getValue().entrySet().stream()
                    .allMatch(end -> reader.position(end.getKey()) >= end.getValue());
            if (done) {
                entry.getKey().complete(null);
            }
            return done;
        });
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (Topics.OBSERVED_DEPLOYMENTS.equals(record.topic())) {
            apply(record, observed, ObservedDeployment.class);
        } else {
            apply(record, deployments, Deployment.class);
        }
    }

    private static <T> void apply(ConsumerRecord<String, byte[]> record, Map<String, T> into, Class<T> type) {
        if (record.value() == null) {
            into.remove(record.key());
            return;
        }
        try {
            into.put(record.key(), ContractJson.read(record.value(), type));
        } catch (RuntimeException unreadable) {
            log.warn("skipping an unreadable {} record at offset {}: {}", record.topic(), record.offset(),
                    unreadable.toString());
        }
    }
}
