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
 * offset when it received none since the partition was assigned: a command fetched but never handed to the listener
 * is fetched again, and none handed to it is delivered twice.
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
        if (!noneReceived.isEmpty()) {
            try {
                for (Map.Entry<TopicPartition, OffsetAndMetadata> committed : consumer.committed(noneReceived).entrySet()) {
                    if (committed.getValue() != null) {
                        positions.put(committed.getKey(), committed.getValue().offset());
                    }
                }
            } catch (KafkaException unreachable) {
                log.warn("could not read the committed offsets of {} after a consumer error: {}", noneReceived,
                        unreachable.toString());
            }
        }
        positions.forEach(consumer::seek);
        log.warn("consumer error outside a command ({}); fetching again after the last command received: {}",
                thrown.toString(), positions);
    }
}
