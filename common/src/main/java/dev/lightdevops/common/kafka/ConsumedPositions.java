package dev.lightdevops.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a materializing listener has read one topic, so that a caller can wait until it has read everything that
 * was on the topic when the caller asked: read-your-writes on top of an asynchronous view. The listener reports every
 * record it applied ({@link #consumed}); {@link #awaitCaughtUp} captures the topic's end offsets at the call and
 * completes once every partition was read up to them, or with {@code false} when the timeout runs out first.
 */
public class ConsumedPositions implements AutoCloseable {

    private final String topic;
    private final Admin admin;
    private final Map<Integer, Long> next = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

    public ConsumedPositions(String topic, Map<String, Object> adminConfig) {
        this.topic = topic;
        this.admin = Admin.create(adminConfig);
    }

    /** Called by the listener after it applied the record at {@code offset} of {@code partition}. */
    public void consumed(int partition, long offset) {
        next.merge(partition, offset + 1, Math::max);
        if (!waiters.isEmpty()) {
            for (Waiter waiter : waiters) {
                if (reached(waiter.ends)) {
                    waiter.done.complete(true);
                    waiters.remove(waiter);
                }
            }
        }
    }

    /** Completes with {@code true} once the listener read all that is on the topic now; never blocks a thread. */
    public CompletableFuture<Boolean> awaitCaughtUp(Duration timeout) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        endOffsets().whenComplete((ends, failure) -> {
            if (failure != null) {
                done.complete(false);
                return;
            }
            Waiter waiter = new Waiter(ends, done);
            waiters.add(waiter);
            if (reached(ends)) {
                done.complete(true);
            }
            done.whenComplete((result, error) -> waiters.remove(waiter));
        });
        return done.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean reached(Map<Integer, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || next.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    private CompletableFuture<Map<Integer, Long>> endOffsets() {
        return admin.describeTopics(List.of(topic)).allTopicNames().toCompletionStage().toCompletableFuture()
                .thenCompose(descriptions -> admin.listOffsets(descriptions.get(topic).partitions().stream()
                                .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()),
                                        info -> OffsetSpec.latest())))
                        .all().toCompletionStage().toCompletableFuture())
                .thenApply(offsets -> offsets.entrySet().stream().collect(Collectors.toMap(
                        entry -> entry.getKey().partition(), entry -> entry.getValue().offset())));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    private record Waiter(Map<Integer, Long> ends, CompletableFuture<Boolean> done) {
    }
}
