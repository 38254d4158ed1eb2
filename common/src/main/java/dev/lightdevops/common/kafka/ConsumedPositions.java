package dev.lightdevops.common.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * How far a materializing reader has read one topic, so that a caller can wait until it has read everything that
 * was on the topic when the caller asked: read-your-writes on top of an asynchronous view. The reader reports its
 * position after applying what it read ({@link #reached}, or {@link #consumed} per record); {@link #awaitCaughtUp}
 * takes the topic's end offsets after the call and completes the moment the reader reaches them (no polling), or
 * with {@code false} when the timeout runs out first. End offsets are the last stable offsets (read-committed): a
 * transaction still open is not "on the topic" yet, and its commit marker is passed by a reader's position although
 * no record is delivered for it, which is why positions, not record offsets, are the measure.
 *
 * <p>Cheap under load, because the admin client sends one request at a time per broker: the partition list is looked
 * up once; end offsets are looked up by one request at a time, shared by every caller that arrived before it was
 * sent (a caller arriving while one is in flight waits for the next, since the one in flight may predate its write);
 * and a caller that cares about one key ({@link #awaitCaughtUp(String, Duration)}) waits for that key's partition
 * only, not for every partition of a topic that other writers keep moving.
 */
public class ConsumedPositions implements AutoCloseable {

    private final String topic;
    private final Admin admin;
    private final Map<Integer, Long> next = new ConcurrentHashMap<>();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicLong partitionLookups = new AtomicLong();
    private final AtomicLong offsetLookups = new AtomicLong();
    private volatile CompletableFuture<List<TopicPartition>> partitions;
    private CompletableFuture<Map<Integer, Long>> nextLookup;
    private boolean lookupInFlight;

    /** @param clientConfig Kafka client settings (bootstrap servers, security); keys an admin client ignores are dropped */
    public ConsumedPositions(String topic, Map<String, Object> clientConfig) {
        this.topic = topic;
        Map<String, Object> adminConfig = new HashMap<>(clientConfig);
        adminConfig.keySet().retainAll(AdminClientConfig.configNames());
        this.admin = Admin.create(adminConfig);
    }

    /** Called by a listener after it applied the record at {@code offset} of {@code partition}. */
    public void consumed(int partition, long offset) {
        reached(partition, offset + 1);
    }

    /** Called by a reader once everything before {@code position} on {@code partition} has been applied. */
    public void reached(int partition, long position) {
        next.merge(partition, position, Math::max);
        if (!waiters.isEmpty()) {
            for (Waiter waiter : waiters) {
                if (hasReached(waiter.ends) && waiters.remove(waiter)) {
                    waiter.done.complete(true);
                }
            }
        }
    }

    /** Completes with {@code true} once the listener read all that is on the topic now; never blocks a thread. */
    public CompletableFuture<Boolean> awaitCaughtUp(Duration timeout) {
        return await(null, timeout);
    }

    /**
     * Completes with {@code true} once the listener read all that is now on the partition records keyed {@code key}
     * go to (the default partitioner's choice for a keyed record), which is all a reader of that key's latest record
     * needs; never blocks a thread.
     */
    public CompletableFuture<Boolean> awaitCaughtUp(String key, Duration timeout) {
        return await(key, timeout);
    }

    /**
     * Completes with {@code true} once the listener read the record at {@code offset} of {@code partition} (one this
     * process wrote and got acknowledged, say), or with {@code false} when the timeout runs out first. Asks the broker
     * nothing: the position is known.
     */
    public CompletableFuture<Boolean> awaitConsumed(int partition, long offset, Duration timeout) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Waiter waiter = new Waiter(Map.of(partition, offset + 1), done);
        waiters.add(waiter);
        if (hasReached(waiter.ends) && waiters.remove(waiter)) {
            done.complete(true);
        }
        done.whenComplete((result, error) -> waiters.remove(waiter));
        return done.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many end-offset requests were sent so far, and how many partition lists (for tests and diagnostics). */
    public long endOffsetLookups() {
        return offsetLookups.get();
    }

    public long partitionLookups() {
        return partitionLookups.get();
    }

    private CompletableFuture<Boolean> await(String key, Duration timeout) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        endOffsetsAfterNow().whenComplete((ends, failure) -> {
            if (failure != null) {
                done.complete(false);
                return;
            }
            Map<Integer, Long> wanted = key == null ? ends : onlyPartitionOf(key, ends);
            Waiter waiter = new Waiter(wanted, done);
            waiters.add(waiter);
            if (hasReached(wanted) && waiters.remove(waiter)) {
                done.complete(true);
            }
            done.whenComplete((result, error) -> waiters.remove(waiter));
        });
        return done.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Map<Integer, Long> onlyPartitionOf(String key, Map<Integer, Long> ends) {
        // Same as the producer's BuiltInPartitioner.partitionForKey for a String key serialized as UTF-8.
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % ends.size();
        return Map.of(partition, ends.getOrDefault(partition, 0L));
    }

    private boolean hasReached(Map<Integer, Long> ends) {
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            if (end.getValue() != 0 && next.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** End offsets from a request sent after this call; joins the next request if one is already in flight. */
    private CompletableFuture<Map<Integer, Long>> endOffsetsAfterNow() {
        synchronized (this) {
            if (nextLookup == null) {
                nextLookup = new CompletableFuture<>();
            }
            CompletableFuture<Map<Integer, Long>> mine = nextLookup;
            if (!lookupInFlight) {
                startLookup();
            }
            return mine;
        }
    }

    private void startLookup() {
        CompletableFuture<Map<Integer, Long>> batch = nextLookup;
        nextLookup = null;
        lookupInFlight = true;
        endOffsets().whenComplete((ends, failure) -> {
            synchronized (this) {
                lookupInFlight = false;
                if (nextLookup != null) {
                    startLookup();
                }
            }
            if (failure != null) {
                batch.completeExceptionally(failure);
            } else {
                batch.complete(ends);
            }
        });
    }

    private CompletableFuture<Map<Integer, Long>> endOffsets() {
        return partitions().thenCompose(list -> {
            offsetLookups.incrementAndGet();
            return admin.listOffsets(list.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().toCompletionStage().toCompletableFuture();
        }).thenApply(offsets -> offsets.entrySet().stream().collect(Collectors.toMap(
                entry -> entry.getKey().partition(), entry -> entry.getValue().offset())));
    }

    /** The topic's partitions, looked up once (again only after a failed lookup): they do not change at run time. */
    private CompletableFuture<List<TopicPartition>> partitions() {
        CompletableFuture<List<TopicPartition>> known = partitions;
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        partitionLookups.incrementAndGet();
        CompletableFuture<List<TopicPartition>> lookup = admin.describeTopics(List.of(topic)).allTopicNames()
                .toCompletionStage().toCompletableFuture()
                .thenApply(descriptions -> descriptions.get(topic).partitions().stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList());
        partitions = lookup;
        return lookup;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    /** Identity equality: two callers waiting for the same offsets are still two waiters. */
    private static final class Waiter {
        final Map<Integer, Long> ends;
        final CompletableFuture<Boolean> done;

        Waiter(Map<Integer, Long> ends, CompletableFuture<Boolean> done) {
            this.ends = ends;
            this.done = done;
        }
    }
}
