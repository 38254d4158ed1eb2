package dev.lightdevops.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;

/** Offsets are acknowledged only up to the oldest unfinished command, whatever order commands finish in. */
class CommitTrackerTest {

    private final CommitTracker tracker = new CommitTracker();
    private final TopicPartition partition = new TopicPartition("ops.commands", 3);
    private final List<Long> acknowledged = new ArrayList<>();

    @Test
    void aCommandFinishingBeforeAnOlderOneIsNotCommittedUntilTheOlderOneFinishes() {
        long generation = receive(10, 11, 12);

        tracker.finished(partition, 11, generation);
        tracker.finished(partition, 12, generation);
        assertThat(acknowledged).isEmpty();

        tracker.finished(partition, 10, generation);
        assertThat(acknowledged).containsExactly(12L);
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void theCommitStopsBelowTheOldestUnfinishedCommand() {
        long generation = receive(20, 21, 22);

        tracker.finished(partition, 20, generation);
        tracker.finished(partition, 22, generation);

        assertThat(acknowledged).containsExactly(20L);
        assertThat(tracker.inFlight()).isEqualTo(1);
    }

    @Test
    void nothingIsCommittedForARevokedPartition() {
        long generation = receive(30, 31);

        tracker.revoked(Set.of(partition));
        tracker.finished(partition, 30, generation);

        assertThat(acknowledged).isEmpty();
        assertThat(tracker.owns(partition, generation)).isFalse();
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void aReassignedPartitionStartsANewGeneration() {
        long first = receive(40);
        tracker.revoked(Set.of(partition));
        long second = receive(40);

        tracker.finished(partition, 40, first);
        assertThat(acknowledged).isEmpty();
        tracker.finished(partition, 40, second);
        assertThat(acknowledged).containsExactly(40L);
    }

    private long receive(long... offsets) {
        long generation = 0;
        for (long offset : offsets) {
            Acknowledgment ack = () -> acknowledged.add(offset);
            generation = tracker.received(partition, offset, ack);
        }
        return generation;
    }
}
