package dev.lightdevops.standalone;

import dev.lightdevops.api.ApiApplication;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.worker.WorkerApplication;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole stack in one JVM: a real Kafka broker (KRaft, data under {@code ./data}), a real PostgreSQL for the
 * history store (data under {@code ./data/postgres}), a worker and the api, started in that order. The api runs with
 * the {@code local} profile: anonymous callers, loopback only. A broker or database given from outside
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code DATABASE_URL} / {@code spring.datasource.url}) replaces the embedded one.
 * The console tells a person what happens ({@link StackConsole}); every component's full JSON log goes to a file
 * under the data directory.
 */
public final class StandaloneApplication implements AutoCloseable {

    /** The worker keeps no history: Boot's DataSource auto-configuration (on this shared classpath) stays off. */
    private static final String NO_DATASOURCE =
            "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    private final LocalKafkaBroker broker;
    private final LocalPostgres postgres;
    private final ConfigurableApplicationContext worker;
    private final ConfigurableApplicationContext api;
    private final StackConsole console;
    private final AutoCloseable narration;

    private StandaloneApplication(LocalKafkaBroker broker, LocalPostgres postgres,
            ConfigurableApplicationContext worker, ConfigurableApplicationContext api, StackConsole console,
            AutoCloseable narration) {
        this.broker = broker;
        this.postgres = postgres;
        this.worker = worker;
        this.api = api;
        this.console = console;
        this.narration = narration;
    }

    public static void main(String[] args) throws Exception {
        StandaloneApplication stack = start(args);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "standalone-stop"));
    }

    public static StandaloneApplication start(String... args) throws Exception {
        long began = System.nanoTime();
        Launch launch = settings(args);
        StandaloneProperties settings = launch.settings();
        StackConsole console = new StackConsole();
        boolean reused = Files.exists(LocalKafkaBroker.formattedMarker(settings.dataPath()));
        String bootstrap = settings.kafkaBootstrapServers();
        boolean embedPostgres = settings.embeddedPostgres() && !launch.databaseGiven();
        console.starting(settings.dataPath(), reused, settings.logFile(), bootstrap.isBlank(), embedPostgres);
        LocalKafkaBroker broker = null;
        if (bootstrap.isBlank()) {
            long brokerBegan = System.nanoTime();
            broker = LocalKafkaBroker.start(settings.dataPath(), settings.kafkaPort());
            bootstrap = broker.bootstrapServers();
            console.brokerStarted(bootstrap, since(brokerBegan));
        } else {
            console.externalBroker(bootstrap);
        }
        boolean ownLogging = Arrays.stream(args).anyMatch(arg -> arg.startsWith("--logging.config="));
        String[] withKafka = Stream.of(Arrays.stream(args),
                Arrays.stream(ownLogging ? new String[0] : settings.loggingArguments()),
                Stream.of("--spring.kafka.bootstrap-servers=" + bootstrap)).flatMap(s -> s).toArray(String[]::new);
        LocalPostgres postgres = null;
        if (embedPostgres) {
            long postgresBegan = System.nanoTime();
            postgres = LocalPostgres.start(settings.dataPath(), settings.postgresPort());
            console.started("PostgreSQL (history store)", since(postgresBegan));
        }
        String[] apiArguments = postgres == null ? withKafka
                : Stream.concat(Arrays.stream(withKafka), Arrays.stream(postgres.apiArguments())).toArray(String[]::new);
        ConfigurableApplicationContext worker = null;
        ConfigurableApplicationContext api;
        try {
            long workerBegan = System.nanoTime();
            worker = WorkerApplication.builder().profiles("local").registerShutdownHook(false)
                    .run(workerArguments(withKafka));
            console.started("Worker", since(workerBegan));
            long apiBegan = System.nanoTime();
            api = ApiApplication.builder().profiles("local").registerShutdownHook(false).run(apiArguments);
            console.started("Api", since(apiBegan));
        } catch (RuntimeException failed) {
            if (worker != null) {
                worker.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw failed;
        }
        StandaloneApplication stack = new StandaloneApplication(broker, postgres, worker, api, console,
                console.follow(api.getBean(OperationView.class)));
        console.ready(stack, "http://127.0.0.1:" + api.getEnvironment().getProperty("local.management.port")
                + "/actuator/health", since(began), reused);
        return stack;
    }

    /**
     * The worker's only HTTP server is its management endpoint: in this stack it takes a free loopback port, so the
     * api's {@code --server.port} is not given to it and two stacks can run side by side.
     */
    private static String[] workerArguments(String[] args) {
        return Stream.concat(Arrays.stream(args)
                        .filter(arg -> !arg.startsWith("--server.port=") && !arg.startsWith("--server.address=")),
                Stream.of("--server.port=0", "--server.address=127.0.0.1", NO_DATASOURCE)).toArray(String[]::new);
    }

    public String baseUrl() {
        String address = api.getEnvironment().getProperty("server.address", "127.0.0.1");
        return "http://" + address + ":" + api.getEnvironment().getProperty("local.server.port");
    }

    public String mcpUrl() {
        return baseUrl() + "/mcp";
    }

    /** Stops the api (no new calls), then the worker (its running operations get their grace), then the broker. */
    @Override
    public void close() {
        long began = System.nanoTime();
        console.stopping();
        try {
            narration.close();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
        api.close();
        worker.close();
        if (postgres != null) {
            postgres.close();
        }
        if (broker != null) {
            broker.close();
        }
        console.stopped(since(began));
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    /** The JDBC URL of the embedded history database, or empty when the stack uses one given from outside. */
    public java.util.Optional<String> embeddedDatabaseUrl() {
        return java.util.Optional.ofNullable(postgres).map(LocalPostgres::jdbcUrl);
    }

    /** The launcher's settings, and whether a history database was given from outside. */
    private record Launch(StandaloneProperties settings, boolean databaseGiven) {
    }

    private static Launch settings(String... args) {
        try (ConfigurableApplicationContext launcher = new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties("spring.config.name=standalone").run(args)) {
            boolean given = !launcher.getEnvironment().getProperty("spring.datasource.url", "").isBlank()
                    || !launcher.getEnvironment().getProperty("DATABASE_URL", "").isBlank();
            return new Launch(launcher.getBean(StandaloneProperties.class), given);
        }
    }

    @SpringBootConfiguration
    @EnableConfigurationProperties(StandaloneProperties.class)
    static class Settings {
    }
}
