package dev.lightdevops.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The system under test as separate processes: one broker or a cluster of brokers, api instances and workers started
 * from their exec jars with {@code KAFKA_BOOTSTRAP_SERVERS} (and, on a cluster, the replication and
 * {@code min.insync.replicas} a production cluster would be given). Everything it started is stopped by
 * {@link #close()}.
 */
public final class Stack implements AutoCloseable {

    public static final Pattern WORKER_ASSIGNED = Pattern.compile("(partitions assigned|newly assigned partitions).*ops\\.commands-", Pattern.CASE_INSENSITIVE);
    public static final Pattern STARTED = Pattern.compile("Started \\w+Application in");
    private static final Pattern PORT_TAKEN = Pattern.compile("Port \\d+ was already in use");
    /** How long an app may take to be ready: minutes, not seconds, when other builds load the machine (load 40+). */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private final Path repository;
    private final Path runDirectory;
    private final String classpath;
    private final List<ChildProcess> started = new ArrayList<>();
    private BrokerProcess broker;
    private KafkaCluster cluster;
    private final Map<String, String> kafkaEnvironment = new HashMap<>();
    private int workers;

    private static final java.util.Set<Stack> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        // If the harness is stopped (Ctrl-C, SIGTERM), it takes the processes it started with it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(stack -> {
            stack.started.forEach(process -> process.destroyNow());
            if (stack.broker != null) {
                stack.broker.process().destroyNow();
            }
            if (stack.cluster != null) {
                stack.cluster.processes().forEach(ChildProcess::destroyNow);
            }
        })));
    }

    public Stack(Path repository, Path runDirectory, String classpath) {
        OPEN.add(this);
        this.repository = repository;
        this.runDirectory = runDirectory;
        this.classpath = classpath;
    }

    public BrokerProcess startBroker() throws IOException, InterruptedException {
        broker = BrokerProcess.format(runDirectory.resolve("broker"), classpath);
        broker.start();
        return broker;
    }

    public BrokerProcess broker() {
        return broker;
    }

    /**
     * Settings for an api that writes Tomcat's access log into this stack's directory: when each request began and
     * ended (epoch ms, unbuffered) and the harness's {@value #CALL_HEADER} header, so that a call's time can be split
     * between the api and the client that sent it.
     */
    public Map<String, String> accessLog() {
        return accessLog("api-access");
    }

    /** {@link #accessLog()} into a file of its own, {@code <prefix>.log}: one per api instance of a stack. */
    public Map<String, String> accessLog(String prefix) {
        return Map.of("SERVER_TOMCAT_ACCESSLOG_ENABLED", "true",
                "SERVER_TOMCAT_ACCESSLOG_DIRECTORY", runDirectory.toAbsolutePath().toString(),
                "SERVER_TOMCAT_ACCESSLOG_PREFIX", prefix, "SERVER_TOMCAT_ACCESSLOG_SUFFIX", ".log",
                "SERVER_TOMCAT_ACCESSLOG_ROTATE", "false", "SERVER_TOMCAT_ACCESSLOG_BUFFERED", "false",
                "SERVER_TOMCAT_ACCESSLOG_PATTERN", "%{begin:msec}t %{end:msec}t %{" + CALL_HEADER + "}i %s %r");
    }

    /** The header by which a drill names each call in the api's access log. */
    public static final String CALL_HEADER = "X-Bench-Call";

    /**
     * A cluster of {@code size} brokers (controller quorum of all of them); the apps started afterwards create their
     * topics with replication {@code min(3, size)} and {@code min.insync.replicas} {@code min(2, size)}.
     */
    public KafkaCluster startCluster(int size) throws IOException, InterruptedException {
        cluster = KafkaCluster.start(runDirectory.resolve("cluster"), classpath, size);
        kafkaEnvironment.put("KAFKA_REPLICATION_FACTOR", String.valueOf(Math.min(3, size)));
        kafkaEnvironment.put("KAFKA_MIN_INSYNC_REPLICAS", String.valueOf(Math.min(2, size)));
        return cluster;
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    /** Where the apps find Kafka: the cluster's nodes, or the one broker. */
    public String bootstrapServers() {
        return cluster != null ? cluster.bootstrapServers() : broker.bootstrapServers();
    }

    /**
     * An api on a free port, on {@code java}; ready once {@code POST /mcp ping} answers 200. A port is free when it
     * is chosen, and the api binds it some 20 s later: meanwhile any process on the machine may take it (the kernel
     * hands out the same range for outgoing connections; drill-badinput lost its api so, "Port 37043 was already in
     * use"), so an api that exits for that reason is started again on other ports, up to three times.
     */
    public App startApi(Path java, Map<String, String> environment, String jvmOptions) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return startApiOnce(java, environment, jvmOptions);
            } catch (PortTaken taken) {
                if (attempt == 3) {
                    throw new IllegalStateException(taken.getMessage());
                }
                System.out.println("  " + taken.getMessage() + "; starting it again on other ports");
            }
        }
    }

    private App startApiOnce(Path java, Map<String, String> environment, String jvmOptions)
            throws InterruptedException {
        int port = BrokerProcess.freePort();
        Map<String, String> env = new HashMap<>(kafkaEnvironment);
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put("PORT", String.valueOf(port));
        // A free management port too: the default (8081) clashes with any other api on the machine.
        env.put("MANAGEMENT_PORT", String.valueOf(BrokerProcess.freePort()));
        // Tokens from the api's own local issuer (POST /local/tokens) when it has one; anonymous as the fallback.
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("DEVOPS_AUTH_LOCAL_ISSUER_ENABLED", "true");
        env.put("AUTH_ALLOW_ANONYMOUS", "true");
        env.put("AUTH_ANONYMOUS_ROLE", "Developer");
        // The per-principal limits protect a shared api from one agent; a load test is that one agent.
        env.put("LIMITS_MUTATING_CALLS", "1000000000");
        env.put("LIMITS_MAX_ACTIVE_OPERATIONS", "1000000000");
        env.putAll(environment);
        ChildProcess api = launch("api-" + port, java, jvmOptions, execJar("api"), env);
        Duration ready = awaitHttp(api, "http://127.0.0.1:" + port);
        return new App(api, "http://127.0.0.1:" + port, ready);
    }

    /**
     * The framework floor ({@code bench/floor}: a bare Spring Boot app answering a JSON-RPC ping) on a free port, on
     * {@code java} with the api's JVM options; ready once it answers.
     */
    public App startFloor(Path java, String jvmOptions) throws InterruptedException {
        int port = BrokerProcess.freePort();
        ChildProcess floor = launch("floor-" + port, java, jvmOptions, execJar("bench/floor"), Map.of("PORT",
                String.valueOf(port)));
        Duration ready = awaitHttp(floor, "http://127.0.0.1:" + port);
        return new App(floor, "http://127.0.0.1:" + port, ready);
    }

    /** A worker; ready once its listener has partitions assigned. */
    public App startWorker(Map<String, String> environment, String jvmOptions) throws InterruptedException {
        return awaitWorker(launchWorker(environment, jvmOptions));
    }

    /** Starts a worker process without waiting (several can then start side by side). */
    public ChildProcess launchWorker(Map<String, String> environment, String jvmOptions) {
        Map<String, String> env = new HashMap<>(kafkaEnvironment);
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        // The worker's only HTTP server is its management port: a free one, so several workers run side by side.
        env.put("MANAGEMENT_PORT", String.valueOf(BrokerProcess.freePort()));
        env.putAll(environment);
        return launch("worker-" + (++workers), Jdks.current(), jvmOptions, execJar("worker"), env);
    }

    /** Waits until a (re)started worker's listener has partitions assigned, counting log lines from {@code from}. */
    public static App awaitWorker(ChildProcess worker, int from) throws InterruptedException {
        worker.awaitLog(STARTED, from, START_TIMEOUT);
        Duration ready = worker.awaitLog(WORKER_ASSIGNED, from, START_TIMEOUT);
        return new App(worker, null, ready);
    }

    public static App awaitWorker(ChildProcess worker) throws InterruptedException {
        return awaitWorker(worker, 0);
    }

    public void stopAll(java.util.Collection<ChildProcess> processes) throws InterruptedException {
        for (ChildProcess process : processes) {
            process.stop();
        }
    }

    /** The one-command local stack (embedded broker + worker + api in one JVM), ready once it answers MCP. */
    public App startStandalone(Map<String, String> environment) throws InterruptedException {
        int port = BrokerProcess.freePort();
        Map<String, String> env = new HashMap<>(environment);
        env.put("PORT", String.valueOf(port));
        env.put("DEVOPS_DATA_DIR", runDirectory.resolve("standalone-data-" + port).toString());
        Path jar = repository.resolve("standalone/target/light-devops-mcp.jar");
        ChildProcess standalone = launch("standalone-" + port, Jdks.current(), "", jar, env);
        Duration ready = awaitHttp(standalone, "http://127.0.0.1:" + port);
        return new App(standalone, "http://127.0.0.1:" + port, ready);
    }

    private ChildProcess launch(String name, Path java, String jvmOptions, Path jar, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        ChildProcess process = new ChildProcess(name, command, env, runDirectory.resolve(name + ".log")).start();
        started.add(process);
        return process;
    }

    private Path execJar(String module) {
        try (Stream<Path> files = Files.list(repository.resolve(module).resolve("target"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + "/target/*-exec.jar: build first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration awaitHttp(ChildProcess process, String base) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(base + "/mcp")).timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                if (process.countLog(PORT_TAKEN, 0) > 0) {
                    throw new PortTaken(process.name() + " exited: a port chosen for it was taken before it bound it;"
                            + " see " + process.log());
                }
                throw new IllegalStateException(process.name() + " exited; see " + process.log());
            }
            try {
                HttpResponse<Void> answer = http.send(ping, HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() < 500) {
                    return Duration.ofNanos(System.nanoTime() - process.startedAtNanos());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(process.name() + " did not answer within " + START_TIMEOUT.toSeconds()
                + " s; see " + process.log());
    }

    /**
     * {@code jvmOptions} plus a log of the JVM's collections and safepoints into {@code <name>-gc-<pid>.log} in this
     * stack's directory: whether a pause, rather than the code, held a process's answers.
     */
    public String withPauseLog(String jvmOptions, String name) {
        return (jvmOptions == null ? "" : jvmOptions) + " -Xlog:gc,safepoint:file="
                + runDirectory.toAbsolutePath().resolve(name + "-gc-%p.log") + ":uptime,time,level,tags";
    }

    public Path runDirectory() {
        return runDirectory;
    }

    public String classpath() {
        return classpath;
    }

    @Override
    public void close() throws InterruptedException {
        OPEN.remove(this);
        for (ChildProcess process : started) {
            process.stop();
        }
        if (broker != null) {
            broker.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** An app exited because another process took one of its ports first (Spring Boot's failure analysis). */
    private static final class PortTaken extends IllegalStateException {
        PortTaken(String message) {
            super(message);
        }
    }

    /** A started app: its process, its base URL (null for a worker) and how long it took to be ready. */
    public record App(ChildProcess process, String baseUrl, Duration readyAfter) {
    }
}
