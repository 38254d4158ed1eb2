package dev.lightdevops.worker.execution;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * The operations this worker is running now, so they can be stopped from outside their thread: by a cancel request,
 * by their deadline, or because their partition moved to another worker. Stopping records why and interrupts the
 * thread; the runner reads the reason to decide which snapshot (if any) to publish. Executors whose clean-up depends
 * on why they were interrupted ask {@link #stopReason} (a Kubernetes rollout may be rolled back on a cancel, never on a
 * hand-over, since the partition's new owner runs the next attempt).
 */
@Component
public class RunningOperations {

    public enum StopReason {
        /** A cancel request arrived: end {@code cancelled}. */
        CANCELLED,
        /** The deadline passed: end {@code timed_out}. */
        DEADLINE,
        /** The partition was revoked (rebalance, shutdown): publish nothing, the new owner runs the next attempt. */
        HANDED_OVER
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();

    Running start(String operationId, TopicPartition partition) {
        Running handle = new Running(operationId, partition, Thread.currentThread());
        running.put(operationId, handle);
        return handle;
    }

    /** Unregisters the operation; after this, no stop can interrupt the thread (which goes on to other work). */
    void finish(Running handle) {
        running.remove(handle.operationId(), handle);
        handle.finish();
        Thread.interrupted();
    }

    boolean stop(String operationId, StopReason reason) {
        Running handle = running.get(operationId);
        return handle != null && handle.stop(reason);
    }

    void handOver(Collection<TopicPartition> partitions) {
        Set<TopicPartition> moved = Set.copyOf(partitions);
        running.values().stream().filter(handle -> moved.contains(handle.partition()))
                .forEach(handle -> handle.stop(StopReason.HANDED_OVER));
    }

    int count() {
        return running.size();
    }

    /** Why the operation running here was stopped; empty while it runs on undisturbed, or when it runs elsewhere. */
    public Optional<StopReason> stopReason(String operationId) {
        return Optional.ofNullable(running.get(operationId)).map(Running::stopReason);
    }

    boolean isRunning(String operationId) {
        return running.containsKey(operationId);
    }

    /** One running operation: its thread and, once stopped, why. */
    static final class Running {
        private final String operationId;
        private final TopicPartition partition;
        private final Thread thread;
        private final AtomicReference<StopReason> stopped = new AtomicReference<>();

        Running(String operationId, TopicPartition partition, Thread thread) {
            this.operationId = operationId;
            this.partition = partition;
            this.thread = thread;
        }

        String operationId() {
            return operationId;
        }

        TopicPartition partition() {
            return partition;
        }

        private boolean finished;

        /** The first reason wins; answers whether this call stopped it. */
        synchronized boolean stop(StopReason reason) {
            if (!finished && stopped.compareAndSet(null, reason)) {
                thread.interrupt();
                return true;
            }
            return false;
        }

        private synchronized void finish() {
            finished = true;
        }

        StopReason stopReason() {
            return stopped.get();
        }
    }
}
