package dev.lightdevops.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catch-up wait while one partition has no leader, as in the cluster drills: a two-broker cluster of its own
 * (the shared fixture has one broker, and stopping it would stop every other test), a topic of replication factor 1
 * with partitions on both brokers, and the broker leading half of them stopped, so those have no leader (unclean
 * election is off). Everything written is reported read, so a {@code false} can only mean an end offset was not
 * known.
 *
 * <p>Kafka's own test kit rather than {@code EmbeddedKafkaKraftBroker}: that one makes every broker a controller
 * too, and two controllers need each other for a quorum, so stopping one broker stopped the whole cluster.
 */
class ConsumedPositionsLeaderlessPartitionTest {

    private static final String TOPIC = "positions-leaderless-" + UUID.randomUUID();
    private static final int PARTITIONS = 4;

    private static KafkaClusterTestKit cluster;
    private static KafkaProducer<String, String> producer;
    /** Position after the last record written, per partition. */
    private static final Map<Integer, Long> written = new ConcurrentHashMap<>();
    private static String healthyKey;
    private static String leaderlessKey;

    private ConsumedPositions positions;

    @BeforeAll
    static void stopTheBrokerLeadingHalfThePartitions() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(2).setNumControllerNodes(1).build())
                .setConfigProp("auto.create.topics.enable", "false").build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        // The combined node is the only controller: stop the other one, the cluster keeps its quorum.
        int kept = cluster.controllers().keySet().iterator().next();
        int stopped = cluster.brokers().keySet().stream().filter(id -> id != kept).findFirst().orElseThrow();
        try (Admin admin = Admin.create(adminConfig())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Map.of(0, List.of(kept), 1, List.of(stopped),
                    2, List.of(kept), 3, List.of(stopped))))).all().get();
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        for (int i = 0; healthyKey == null || leaderlessKey == null; i++) {
            String key = "operation-" + i;
            RecordMetadata sent = write(key);
            if (sent.partition() % 2 == 0 && healthyKey == null) {
                healthyKey = key;
            } else if (sent.partition() % 2 == 1 && leaderlessKey == null) {
                leaderlessKey = key;
            }
        }
        cluster.brokers().get(stopped).shutdown();
        try (Admin admin = Admin.create(adminConfig())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                TopicDescription description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
                return description.partitions().stream().filter(info -> info.partition() % 2 == 1)
                        .allMatch(info -> info.leader() == null);
            });
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        producer.close(Duration.ofSeconds(2));
        cluster.close();
    }

    @BeforeEach
    void readerHasReadEverythingWritten() {
        positions = new ConsumedPositions(TOPIC, adminConfig());
        written.forEach(positions::reached);
    }

    @AfterEach
    void close() {
        positions.close();
    }

    @Test
    void aWaitForAKeyOnAHealthyPartitionCompletesWhileAnotherPartitionHasNoLeader() {
        // Before, the one lookup over all partitions hung until the admin client gave up (60 s).
        assertThat(positions.awaitCaughtUp(healthyKey, Duration.ofSeconds(20)))
                .succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
    }

    @Test
    void aLookupStuckOnALeaderlessPartitionDoesNotHoldBackTheNextOne() throws Exception {
        assertThat(positions.awaitCaughtUp(healthyKey, Duration.ofSeconds(20)))
                .succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
        // The first lookup is still waiting for the leaderless partitions (up to LOOKUP_TIMEOUT, 10 s); a new write
        // needs a new lookup, which must not wait for that one.
        RecordMetadata sent = write(healthyKey);
        positions.consumed(sent.partition(), sent.offset());
        assertThat(positions.awaitCaughtUp(healthyKey, Duration.ofSeconds(20)))
                .succeedsWithin(Duration.ofSeconds(5)).isEqualTo(true);
    }

    @Test
    void aWaitForTheWholeTopicCompletesFalseWhileAPartitionHasNoLeader() {
        assertThat(positions.awaitCaughtUp(Duration.ofSeconds(3)).join()).isFalse();
    }

    @Test
    void aWaitForAKeyOnTheLeaderlessPartitionCompletesFalseWhenItsLookupGivesUp() {
        // Long before its own 60 s: the lookup's timeout (10 s) fails it, and a failed lookup answers at once.
        assertThat(positions.awaitCaughtUp(leaderlessKey, Duration.ofSeconds(60)))
                .succeedsWithin(Duration.ofSeconds(40)).isEqualTo(false);
    }

    private static RecordMetadata write(String key) throws Exception {
        RecordMetadata sent = producer.send(new ProducerRecord<>(TOPIC, key, "queued")).get();
        written.merge(sent.partition(), sent.offset() + 1, Math::max);
        return sent;
    }

    private static Map<String, Object> adminConfig() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    }
}
