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
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
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
 * up once; end offsets are looked up in rounds of one request over all partitions, shared by every caller that
 * arrived before it was sent (a caller arriving while one is in flight waits for the next, since the one in flight
 * may predate its write); and a caller that cares about one key ({@link #awaitCaughtUp(String, Duration)}) waits for
 * that key's partition only, not for every partition of a topic that other writers keep moving.
 *
 * <p>A partition without a reachable leader holds back only the waits that need it: each partition's end offset is
 * taken as soon as it answers, so a key wait needs only its own partition's answer, and a whole-topic wait needs
 * all of them. A round gates the next one only until all its partitions answered or {@link #ROUND_GATE} passed,
 * whichever comes first; a round stuck past that keeps waiting alone, for at most {@link #LOOKUP_TIMEOUT}. A wait
 * whose partition's lookup failed (that timeout included) completes {@code false} at once rather than at its own
 * timeout: no answer is coming for it.
 */
public class ConsumedPositions implements AutoCloseable {

    /**
     * How long a round's unanswered partitions keep the next round from being sent. Long enough that in the healthy
     * case (a round answers in milliseconds) there is one round at a time; short enough that behind a partition
     * without a leader, callers of healthy partitions wait a fraction of the 5 s the apps give a catch-up.
     */
    static final Duration ROUND_GATE = Duration.ofMillis(250);

    /**
     * How long one round's request may stay unanswered before the admin client gives up on it (instead of its
     * default.api.timeout.ms, 60 s): bounds the rounds stuck at once behind a leaderless partition to about
     * LOOKUP_TIMEOUT / ROUND_GATE. Twice the 5 s the request paths wait, so it does not cut their answers; a longer
     * wait (the api's start-up replay) whose lookup fails ends {@code false} here, as it did after 60 s before.
     */
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final Admin admin;
    private final Map<Integer, Long> next = new ConcurrentHashMap<>();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicLong partitionLookups = new AtomicLong();
    private final AtomicLong offsetLookups = new AtomicLong();
    private volatile CompletableFuture<List<TopicPartition>> partitions;
    private Round nextRound;
    private boolean gateOpen = true;

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
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        endOffsetsAfterNow().thenCompose(ends -> CompletableFuture.allOf(ends.values().toArray(CompletableFuture[]::new))
                        .thenApply(allAnswered -> ends.entrySet().stream().collect(Collectors.toMap(
                                Map.Entry::getKey, end -> end.getValue().join()))))
                .whenComplete((ends, failure) -> waitFor(ends, failure, done));
        return done.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Completes with {@code true} once the listener read all that is now on the partition records keyed {@code key}
     * go to (the default partitioner's choice for a keyed record), which is all a reader of that key's latest record
     * needs; never blocks a thread, and does not wait for other partitions' end offsets.
     */
    public CompletableFuture<Boolean> awaitCaughtUp(String key, Duration timeout) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        endOffsetsAfterNow().thenCompose(ends -> {
            int partition = partitionOf(key, ends.size());
            return ends.get(partition).thenApply(end -> Map.of(partition, end));
        }).whenComplete((ends, failure) -> waitFor(ends, failure, done));
        return done.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Completes with {@code true} once the listener read the record at {@code offset} of {@code partition} (one this
     * process wrote and got acknowledged, say), or with {@code false} when the timeout runs out first. Asks the broker
     * nothing: the position is known.
     */
    public CompletableFuture<Boolean> awaitConsumed(int partition, long offset, Duration timeout) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        waitFor(Map.of(partition, offset + 1), null, done);
        return done.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many end-offset requests were sent so far, and how many partition lists (for tests and diagnostics). */
    public long endOffsetLookups() {
        return offsetLookups.get();
    }

    public long partitionLookups() {
        return partitionLookups.get();
    }

    /** Completes {@code done} once the listener reached {@code ends}; at once with false if they are not known. */
    private void waitFor(Map<Integer, Long> ends, Throwable lookupFailure, CompletableFuture<Boolean> done) {
        if (lookupFailure != null) {
            done.complete(false);
            return;
        }
        Waiter waiter = new Waiter(ends, done);
        waiters.add(waiter);
        if (hasReached(ends) && waiters.remove(waiter)) {
            done.complete(true);
        }
        done.whenComplete((result, error) -> waiters.remove(waiter));
    }

    private static int partitionOf(String key, int partitionCount) {
        // Same as the producer's BuiltInPartitioner.partitionForKey for a String key serialized as UTF-8.
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    private boolean hasReached(Map<Integer, Long> ends) {
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            if (end.getValue() != 0 && next.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each partition's end offset from a request sent after this call; joins the next round if the gate of the one
     * in flight is still closed. Completes once the request is sent, with one future per partition.
     */
    private CompletableFuture<Map<Integer, CompletableFuture<Long>>> endOffsetsAfterNow() {
        Round mine;
        Round toSend = null;
        synchronized (this) {
            if (nextRound == null) {
                nextRound = new Round();
            }
            mine = nextRound;
            if (gateOpen) {
                toSend = takeNextRound();
            }
        }
        if (toSend != null) {
            send(toSend);
        }
        return mine.ends;
    }

    private synchronized Round takeNextRound() {
        Round round = nextRound;
        nextRound = null;
        gateOpen = false;
        return round;
    }

    /** Called once per round, when its gate opens: sends the round that callers joined meanwhile, if any. */
    private void openGate() {
        Round toSend = null;
        synchronized (this) {
            gateOpen = true;
            if (nextRound != null) {
                toSend = takeNextRound();
            }
        }
        if (toSend != null) {
            send(toSend);
        }
    }

    private void send(Round round) {
        partitions().thenAccept(list -> {
            offsetLookups.incrementAndGet();
            ListOffsetsResult result = admin.listOffsets(
                    list.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs((int) LOOKUP_TIMEOUT.toMillis()));
            Map<Integer, CompletableFuture<Long>> ends = list.stream().collect(Collectors.toMap(
                    TopicPartition::partition, tp -> result.partitionResult(tp).toCompletionStage()
                            .toCompletableFuture().thenApply(ListOffsetsResult.ListOffsetsResultInfo::offset)));
            // allOf waits for every partition, failed ones included; the bound lets a stuck one stop gating.
            CompletableFuture.allOf(ends.values().toArray(CompletableFuture[]::new))
                    .handle((allAnswered, failure) -> null)
                    .completeOnTimeout(null, ROUND_GATE.toMillis(), TimeUnit.MILLISECONDS)
                    .thenRun(this::openGate);
            round.ends.complete(ends);
        }).exceptionally(failure -> {
            round.ends.completeExceptionally(failure);
            openGate();
            return null;
        });
    }

    /** The topic's partitions, looked up once (again only after a failed lookup): they do not change at run time. */
    private CompletableFuture<List<TopicPartition>> partitions() {
        CompletableFuture<List<TopicPartition>> known = partitions;
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        partitionLookups.incrementAndGet();
        CompletableFuture<List<TopicPartition>> lookup = admin.describeTopics(List.of(topic),
                        new DescribeTopicsOptions().timeoutMs((int) LOOKUP_TIMEOUT.toMillis()))
                .allTopicNames().toCompletionStage().toCompletableFuture()
                .thenApply(descriptions -> descriptions.get(topic).partitions().stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList());
        partitions = lookup;
        return lookup;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    /** Callers sharing one end-offset request; {@code ends} completes when it is sent. */
    private static final class Round {
        final CompletableFuture<Map<Integer, CompletableFuture<Long>>> ends = new CompletableFuture<>();
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
