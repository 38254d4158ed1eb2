package dev.lightdevops.worker.execution;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Commits each partition only up to its oldest command not yet finished, although commands finish out of order:
 * a finished command is acknowledged (its offset + 1 committed) only once every earlier command of its partition has
 * finished too. A crash therefore redelivers exactly the unfinished commands (and possibly finished ones after them,
 * which are skipped because their operations are terminal). A revoked partition is forgotten, so nothing is committed
 * for it once another worker owns it.
 */
@org.springframework.stereotype.Component
class CommitTracker {

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();
    private int inFlight;

    /** Registers a command as received; answers its partition's generation, to be passed to {@link #finished}. */
    synchronized long received(TopicPartition partition, long offset, Acknowledgment ack) {
        Partition state = partitions.computeIfAbsent(partition, tp -> new Partition());
        if (state.pending.put(offset, ack) == null) {
            inFlight++;
        }
        state.lastReceived = Math.max(state.lastReceived, offset);
        return state.generation;
    }

    /** Marks a command finished and acknowledges the highest offset below which everything has finished. */
    synchronized void finished(TopicPartition partition, long offset, long generation) {
        Partition state = partitions.get(partition);
        if (state == null || state.generation != generation) {
            return;
        }
        Acknowledgment ack = state.pending.remove(offset);
        if (ack == null) {
            return;
        }
        inFlight--;
        state.done.put(offset, ack);
        long oldestUnfinished = state.pending.isEmpty() ? Long.MAX_VALUE : state.pending.firstKey();
        Map.Entry<Long, Acknowledgment> committable = state.done.lowerEntry(oldestUnfinished);
        if (committable != null) {
            committable.getValue().acknowledge();
            state.done.headMap(committable.getKey(), true).clear();
        }
    }

    /** Forgets revoked partitions: their commands belong to their new owner now. */
    synchronized void revoked(Iterable<TopicPartition> revoked) {
        for (TopicPartition partition : revoked) {
            Partition state = partitions.remove(partition);
            if (state != null) {
                inFlight -= state.pending.size();
            }
        }
    }

    /** Whether commands of this partition and generation are still this worker's to run. */
    synchronized boolean owns(TopicPartition partition, long generation) {
        Partition state = partitions.get(partition);
        return state != null && state.generation == generation;
    }

    /**
     * The offset after the last command received on this partition since it was assigned, empty when none was: where
     * its consumer must fetch next so that no command is skipped.
     */
    synchronized OptionalLong nextToReceive(TopicPartition partition) {
        Partition state = partitions.get(partition);
        return state == null || state.lastReceived < 0 ? OptionalLong.empty() : OptionalLong.of(state.lastReceived + 1);
    }

    synchronized int inFlight() {
        return inFlight;
    }

    private static final class Partition {
        private static long generations;
        private final long generation = nextGeneration();
        private final NavigableMap<Long, Acknowledgment> pending = new TreeMap<>();
        private final NavigableMap<Long, Acknowledgment> done = new TreeMap<>();
        private long lastReceived = -1;

        private static synchronized long nextGeneration() {
            return ++generations;
        }
    }
}
