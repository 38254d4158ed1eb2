package dev.lightdevops.worker.execution;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The command container's handler of errors outside a record (in a poll or a commit). spring-kafka drops the records
 * of a poll when the commit it makes right after the poll fails: with commits refused during a rebalance still to
 * retry, an acknowledgment's wake-up turned that commit into a {@code WakeupException}, and the consumer's position was
 * already past the records (drill-broker lost 50 commands so, after the broker came back). So after any such error
 * every owned partition is sought back to just after the last command this worker received, or to its committed
 * offset when it received none since the partition was assigned (to its beginning when none was ever committed, as
 * auto-offset-reset earliest did): a command fetched but never handed to the listener is fetched again, and none
 * handed to it is delivered twice.
 */
final class NoSkippedCommands extends DefaultErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(NoSkippedCommands.class);

    private final CommitTracker commits;

    NoSkippedCommands(CommitTracker commits) {
        this.commits = commits;
    }

    @Override
    public void handleOtherException(Exception thrown, Consumer<?, ?> consumer, MessageListenerContainer container,
            boolean batchListener) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        Set<TopicPartition> owned = consumer.assignment();
        for (TopicPartition partition : owned) {
            OptionalLong next = commits.nextToReceive(partition);
            if (next.isPresent()) {
                positions.put(partition, next.getAsLong());
            }
        }
        Set<TopicPartition> noneReceived = new HashSet<>(owned);
        noneReceived.removeAll(positions.keySet());
        Set<TopicPartition> neverCommitted = new HashSet<>();
        if (!noneReceived.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(consumer, noneReceived);
            for (TopicPartition partition : noneReceived) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset != null) {
                    positions.put(partition, offset.offset());
                } else if (committed.containsKey(partition)) {
                    neverCommitted.add(partition);
                }
            }
        }
        positions.forEach(consumer::seek);
        if (!neverCommitted.isEmpty()) {
            // Nothing received and nothing committed: its position came from auto-offset-reset (earliest).
            consumer.seekToBeginning(neverCommitted);
        }
        log.warn("consumer error outside a command ({}); fetching again after the last command received: {}, from "
                + "the beginning: {}", thrown.toString(), positions, neverCommitted);
    }

    /**
     * The committed offsets (a partition without one maps to null), empty when the broker cannot be asked. The error
     * handled may be a wake-up whose signal is still pending: it then interrupts this lookup once, so it is asked
     * again.
     */
    private static Map<TopicPartition, OffsetAndMetadata> committed(Consumer<?, ?> consumer,
            Set<TopicPartition> partitions) {
        for (int attempt = 1; ; attempt++) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
                for (TopicPartition partition : partitions) {
                    committed.put(partition, null);
                }
                committed.putAll(consumer.committed(partitions));
                return committed;
            } catch (WakeupException pendingWakeUp) {
                if (attempt == 3) {
                    log.warn("could not read the committed offsets of {} after a consumer error: woken up {} times",
                            partitions, attempt);
                    return Map.of();
                }
            } catch (KafkaException unreachable) {
                log.warn("could not read the committed offsets of {} after a consumer error: {}", partitions,
                        unreachable.toString());
                return Map.of();
            }
        }
    }
}
