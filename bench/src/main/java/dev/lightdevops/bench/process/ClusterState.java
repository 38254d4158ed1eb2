package dev.lightdevops.bench.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What a cluster's partitions look like right now, through Kafka's own Admin client: who leads the partitions that
 * carry most commands (the broker a drill takes away), whether every replica is back in sync (so that a drill takes
 * away one broker at a time), and how the contract's topics were created (replication, {@code min.insync.replicas}).
 * Every question is bounded by a short timeout, since a drill asks while a broker is dead or paused.
 */
public final class ClusterState implements AutoCloseable {

    public static final String COMMANDS = "ops.commands";
    private static final String CONTRACT_PREFIX = "ops.";
    private static final Duration ASK = Duration.ofSeconds(10);

    private final Admin admin;

    public ClusterState(String bootstrapServers) {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ASK.toMillis()));
        admin = Admin.create(settings);
    }

    /** A broker and the commands (records of {@code ops.commands}) on the partitions it leads. */
    public record Leader(int broker, int partitions, long commands) {
    }

    /** The broker leading the partitions of {@code ops.commands} that hold the most records. */
    public Leader leaderOfMostCommands() throws InterruptedException {
        Map<Integer, long[]> byLeader = new TreeMap<>();
        TopicDescription commands = describe(List.of(COMMANDS)).get(COMMANDS);
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        commands.partitions()
                .forEach(p -> latest.put(new TopicPartition(COMMANDS, p.partition()), OffsetSpec.latest()));
        var ends = await(admin.listOffsets(latest).all());
        for (TopicPartitionInfo partition : commands.partitions()) {
            if (partition.leader() == null || partition.leader().isEmpty()) {
                continue;
            }
            long[] led = byLeader.computeIfAbsent(partition.leader().id(), id -> new long[2]);
            led[0]++;
            led[1] += ends.get(new TopicPartition(COMMANDS, partition.partition())).offset();
        }
        return byLeader.entrySet().stream()
                .map(e -> new Leader(e.getKey(), (int) e.getValue()[0], e.getValue()[1]))
                .max(java.util.Comparator.comparingLong(Leader::commands).thenComparingInt(Leader::partitions))
                .orElseThrow(() -> new IllegalStateException("no partition of " + COMMANDS + " has a leader"));
    }

    /** Whether every partition of the contract's topics has all its replicas in sync. */
    public boolean fullyInSync() throws InterruptedException {
        return partitionsOfContract().stream().allMatch(p -> p.isr().size() == p.replicas().size());
    }

    /** Whether {@code broker} leads any partition of the contract's topics (false once leadership moved away). */
    public boolean leadsAny(int broker) throws InterruptedException {
        return partitionsOfContract().stream()
                .anyMatch(p -> p.leader() != null && !p.leader().isEmpty() && p.leader().id() == broker);
    }

    /** Waits until every replica is in sync; false if that did not happen within {@code timeout}. */
    public boolean awaitFullyInSync(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (fullyInSync()) {
                    return true;
                }
            } catch (IllegalStateException notAnswered) {
                // a broker is still starting: ask again
            }
            Thread.sleep(250);
        }
        return false;
    }

    /**
     * How a contract topic was created.
     *
     * @param replication replicas per partition
     * @param minInsyncReplicas its {@code min.insync.replicas}
     * @param setOnTopic whether that value is set on the topic itself (by the apps) rather than a broker default
     */
    public record Durability(int replication, int minInsyncReplicas, boolean setOnTopic) {

        @Override
        public String toString() {
            return "replication " + replication + ", min.insync.replicas " + minInsyncReplicas
                    + (setOnTopic ? " (set on the topic)" : " (broker default)");
        }
    }

    /** How each contract topic was created (replication, {@code min.insync.replicas} and where that comes from). */
    public Map<String, Durability> durability() throws InterruptedException {
        Map<String, TopicDescription> topics = describe(contractTopics());
        List<ConfigResource> resources = topics.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
        Map<String, Durability> durability = new TreeMap<>();
        topics.forEach((name, description) -> {
            ConfigEntry minInsync = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            durability.put(name, new Durability(description.partitions().get(0).replicas().size(),
                    Integer.parseInt(minInsync.value()),
                    minInsync.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG));
        });
        return durability;
    }

    /** The broker that is the active controller, or -1 when none answered. */
    public int activeController() {
        try {
            Node controller = await(admin.describeCluster().controller());
            return controller == null ? -1 : controller.id();
        } catch (RuntimeException | InterruptedException notAnswered) {
            return -1;
        }
    }

    private List<TopicPartitionInfo> partitionsOfContract() throws InterruptedException {
        List<TopicPartitionInfo> partitions = new ArrayList<>();
        describe(contractTopics()).values().forEach(topic -> partitions.addAll(topic.partitions()));
        return partitions;
    }

    private List<String> contractTopics() throws InterruptedException {
        return await(admin.listTopics().names()).stream().filter(name -> name.startsWith(CONTRACT_PREFIX)).sorted()
                .toList();
    }

    private Map<String, TopicDescription> describe(Collection<String> topics) throws InterruptedException {
        return await(admin.describeTopics(topics).allTopicNames());
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(ASK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notAnswered) {
            throw new IllegalStateException("the cluster did not answer: " + notAnswered, notAnswered);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
