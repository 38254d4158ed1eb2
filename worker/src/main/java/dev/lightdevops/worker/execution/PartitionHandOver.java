package dev.lightdevops.worker.execution;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * When partitions of {@code ops.commands} leave this worker (rebalance, shutdown), their commands become their new
 * owner's: nothing more is committed for them here, and their running operations are interrupted without a terminal
 * snapshot, so the new owner finds them running at attempt N and runs attempt N+1. With the cooperative assignor only
 * the partitions that really move are revoked.
 */
@Component
class PartitionHandOver implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionHandOver.class);

    private final CommitTracker commits;
    private final RunningOperations running;
    private final AtomicInteger revocations = new AtomicInteger();

    PartitionHandOver(CommitTracker commits, RunningOperations running) {
        this.commits = commits;
        this.running = running;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        handOver(partitions, "revoked");
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        handOver(partitions, "lost");
    }

    private void handOver(Collection<TopicPartition> partitions, String how) {
        if (partitions.isEmpty()) {
            return;
        }
        revocations.incrementAndGet();
        log.info("command partitions {}: {}", how, partitions);
        commits.revoked(partitions);
        running.handOver(partitions);
    }

    /** How many times partitions left this worker; a long operation must not make this grow. */
    int revocations() {
        return revocations.get();
    }
}
