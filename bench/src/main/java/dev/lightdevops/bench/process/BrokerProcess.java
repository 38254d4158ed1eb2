package dev.lightdevops.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka node (KRaft, combined broker and controller) as its own process, from the Maven Central jars
 * on the harness's classpath: the data directory is formatted with {@code kafka.tools.StorageTool}, then
 * {@code kafka.Kafka} serves it. Alone it is a one-node cluster; {@link KafkaCluster} formats several with one
 * cluster id and one controller quorum. Ports and data survive {@link #stop()}, {@link #kill9()} and a new
 * {@link #start()}, so a drill can restart it.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Kafka Server started|KafkaRaftServer.*started");

    /** Where one node listens: its id, its client port and its controller port, all on loopback. */
    public record Node(int id, int port, int controllerPort) {

        public static Node onFreePorts(int id) {
            return new Node(id, freePort(), freePort());
        }

        String voter() {
            return id + "@127.0.0.1:" + controllerPort;
        }
    }

    private final Node node;
    private final Path directory;
    private final ChildProcess process;
    private int logFrom;

    private BrokerProcess(Node node, Path directory, ChildProcess process) {
        this.node = node;
        this.directory = directory;
        this.process = process;
    }

    /** A one-node cluster (internal topics with one replica). */
    public static BrokerProcess format(Path directory, String classpath) throws IOException, InterruptedException {
        Node node = Node.onFreePorts(1);
        return format(directory, classpath, Uuid.randomUuid().toString(), node, List.of(node));
    }

    /**
     * One node of the cluster {@code clusterId} whose controller quorum is {@code voters} (this node among them).
     * Internal topics (consumer offsets, transaction state) get up to 3 replicas and up to 2 in-sync ones, as Kafka's
     * own defaults for a cluster; the broker's default {@code min.insync.replicas} stays Kafka's (1), so the
     * durability of the contract's topics comes from what the apps set on them.
     */
    public static BrokerProcess format(Path directory, String classpath, String clusterId, Node node, List<Node> voters)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        int internalReplicas = Math.min(3, voters.size());
        int internalInSync = Math.min(2, voters.size());
        Path config = directory.resolve("server.properties");
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=" + node.id(),
                "controller.quorum.voters=" + voters.stream().map(Node::voter).collect(Collectors.joining(",")),
                "listeners=PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + node.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=" + internalReplicas,
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=" + internalReplicas,
                "transaction.state.log.min.isr=" + internalInSync,
                "share.coordinator.state.topic.replication.factor=" + internalReplicas,
                "share.coordinator.state.topic.min.isr=" + internalInSync,
                "group.initial.rebalance.delay.ms=0"));
        lines.add("");
        Files.writeString(config, String.join("\n", lines));
        String java = Jdks.current().toString();
        Process formatter = new ProcessBuilder(java, "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", clusterId, "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("format.log").toFile()))
                .start();
        if (formatter.waitFor() != 0) {
            throw new IllegalStateException("kafka storage format failed; see " + directory.resolve("format.log"));
        }
        String heap = voters.size() > 1 ? "-Xmx512m" : "-Xmx1g";
        ChildProcess broker = new ChildProcess("broker-" + node.id(),
                List.of(java, "-Xms256m", heap, "-XX:+UseG1GC", "-cp", classpath, "kafka.Kafka", config.toString()),
                Map.of(), directory.resolve("broker.log"));
        return new BrokerProcess(node, directory, broker);
    }

    /** Starts the node and waits until it serves. */
    public Duration start() throws InterruptedException {
        launch();
        return awaitStarted();
    }

    /**
     * Starts the process without waiting: the nodes of a cluster must start side by side, since none serves before
     * its controller quorum has a leader.
     */
    public void launch() {
        logFrom = process.logLines();
        process.start();
    }

    /** Waits until the node launched last serves. */
    public Duration awaitStarted() throws InterruptedException {
        return process.awaitLog(STARTED, logFrom, Duration.ofSeconds(120));
    }

    /** Graceful stop (SIGTERM); data and ports are kept for a later {@link #start()}. */
    public void stop() throws InterruptedException {
        process.stop();
    }

    /** SIGKILL: nothing flushed, no controlled shutdown, leadership moves only once the controller notices. */
    public void kill9() throws InterruptedException {
        process.kill9();
    }

    public int id() {
        return node.id();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + node.port();
    }

    public ChildProcess process() {
        return process;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() throws InterruptedException {
        process.stop();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
