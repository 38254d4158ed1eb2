package dev.lightdevops.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.testing.RealKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loss drill-broker found, replayed on a real broker: a poll fetched commands, then the container's follow-up
 * commit failed, so the listener never saw them although the consumer's position is past them. After the error the
 * handler puts the position back, and the next poll fetches exactly the commands the listener did not get.
 */
class NoSkippedCommandsTest {

    private final CommitTracker commits = new CommitTracker();
    private final NoSkippedCommands handler = new NoSkippedCommands(commits);
    private String topic;

    @BeforeEach
    void topicWithTenCommands() throws Exception {
        topic = "no-skipped-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "target", "command-" + i)).get();
            }
        }
    }

    @Test
    void commandsFetchedByAPollWhoseCommitFailedAreFetchedAgainAfterTheLastOneReceived() {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<ConsumerRecord<String, String>> fetched = fetchedAllTen(consumer, partition, null);
            // The listener got the first four; the poll that carried the other six ended in the commit's error.
            fetched.subList(0, 4).forEach(command -> commits.received(partition, command.offset(), () -> { }));

            handler.handleOtherException(new WakeupException(), consumer, null, false);

            assertThat(pollAll(consumer, 6)).extracting(ConsumerRecord::value)
                    .containsExactly("command-4", "command-5", "command-6", "command-7", "command-8", "command-9");
        }
    }

    @Test
    void aPartitionWithNothingReceivedSinceItsAssignmentGoesBackToItsCommittedOffset() {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            fetchedAllTen(consumer, partition, 7L);

            handler.handleOtherException(new WakeupException(), consumer, null, false);

            assertThat(pollAll(consumer, 3)).extracting(ConsumerRecord::value)
                    .containsExactly("command-7", "command-8", "command-9");
        }
    }

    @Test
    void aWakeUpStillPendingDoesNotStopThePartitionBeingSoughtBack() {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            fetchedAllTen(consumer, partition, 7L);
            // drill-kill: the wake-up that broke the container's commit also broke the handler's first lookup.
            consumer.wakeup();

            handler.handleOtherException(new WakeupException(), consumer, null, false);

            assertThat(pollAll(consumer, 3)).extracting(ConsumerRecord::value)
                    .containsExactly("command-7", "command-8", "command-9");
        }
    }

    @Test
    void aPartitionNeverCommittedNorReceivedGoesBackToItsBeginning() {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            fetchedAllTen(consumer, partition, null);

            handler.handleOtherException(new WakeupException(), consumer, null, false);

            assertThat(pollAll(consumer, 10)).hasSize(10);
        }
    }

    /** Assigns the partition, commits {@code committed} if given, and fetches its ten commands from the beginning. */
    private static List<ConsumerRecord<String, String>> fetchedAllTen(KafkaConsumer<String, String> consumer,
            TopicPartition partition, Long committed) {
        consumer.assign(List.of(partition));
        if (committed != null) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(committed)));
        }
        consumer.seekToBeginning(List.of(partition));
        return pollAll(consumer, 10);
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "no-skipped-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }

    /** Polls until {@code expected} records came (each poll is bounded; the broker is local). */
    private static List<ConsumerRecord<String, String>> pollAll(KafkaConsumer<String, String> consumer,
            int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int polls = 0; polls < 50 && records.size() < expected; polls++) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
