package dev.lightdevops.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller) as its own process, from the Maven Central jars
 * on the harness's classpath: the data directory is formatted with {@code kafka.tools.StorageTool}, then
 * {@code kafka.Kafka} serves it. Ports and data survive {@link #stop()}/{@link #start()}, so a drill can restart it.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Kafka Server started|KafkaRaftServer.*started");

    private final Path directory;
    private final int port;
    private final ChildProcess process;
    private int logFrom;

    private BrokerProcess(Path directory, int port, ChildProcess process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    public static BrokerProcess format(Path directory, String classpath) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        int port = freePort();
        int controllerPort = freePort();
        Path config = directory.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        String java = Jdks.current().toString();
        Process formatter = new ProcessBuilder(java, "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("format.log").toFile()))
                .start();
        if (formatter.waitFor() != 0) {
            throw new IllegalStateException("kafka storage format failed; see " + directory.resolve("format.log"));
        }
        ChildProcess broker = new ChildProcess("broker",
                List.of(java, "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-cp", classpath, "kafka.Kafka",
                        config.toString()),
                Map.of(), directory.resolve("broker.log"));
        return new BrokerProcess(directory, port, broker);
    }

    /** Starts the broker and waits until it serves. */
    public Duration start() throws InterruptedException {
        logFrom = process.logLines();
        process.start();
        return process.awaitLog(STARTED, logFrom, Duration.ofSeconds(90));
    }

    /** Graceful stop (SIGTERM); data and ports are kept for a later {@link #start()}. */
    public void stop() throws InterruptedException {
        process.stop();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
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
