package dev.lightdevops.standalone;

import dev.lightdevops.api.ApiApplication;
import dev.lightdevops.worker.WorkerApplication;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 */
public final class StandaloneApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandaloneApplication.class);

    /** The worker keeps no history: Boot's DataSource auto-configuration (on this shared classpath) stays off. */
    private static final String NO_DATASOURCE =
            "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    private final LocalKafkaBroker broker;
    private final LocalPostgres postgres;
    private final ConfigurableApplicationContext worker;
    private final ConfigurableApplicationContext api;

    private StandaloneApplication(LocalKafkaBroker broker, LocalPostgres postgres,
            ConfigurableApplicationContext worker, ConfigurableApplicationContext api) {
        this.broker = broker;
        this.postgres = postgres;
        this.worker = worker;
        this.api = api;
    }

    public static void main(String[] args) throws Exception {
        StandaloneApplication stack = start(args);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "standalone-stop"));
    }

    public static StandaloneApplication start(String... args) throws Exception {
        Launch launch = settings(args);
        StandaloneProperties settings = launch.settings();
        LocalKafkaBroker broker = settings.kafkaBootstrapServers().isBlank()
                ? LocalKafkaBroker.start(Path.of(settings.dataDirectory()), settings.kafkaPort()) : null;
        String bootstrap = broker != null ? broker.bootstrapServers() : settings.kafkaBootstrapServers();
        String[] withKafka = Stream.concat(Arrays.stream(args), Stream.of("--spring.kafka.bootstrap-servers=" + bootstrap))
                .toArray(String[]::new);
        LocalPostgres postgres = settings.embeddedPostgres() && !launch.databaseGiven()
                ? LocalPostgres.start(Path.of(settings.dataDirectory()), settings.postgresPort()) : null;
        String[] apiArguments = postgres == null ? withKafka
                : Stream.concat(Arrays.stream(withKafka), Arrays.stream(postgres.apiArguments())).toArray(String[]::new);
        ConfigurableApplicationContext worker = null;
        ConfigurableApplicationContext api;
        try {
            worker = WorkerApplication.builder().profiles("local").registerShutdownHook(false)
                    .run(workerArguments(withKafka));
            api = ApiApplication.builder().profiles("local").registerShutdownHook(false).run(apiArguments);
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
        StandaloneApplication stack = new StandaloneApplication(broker, postgres, worker, api);
        String ready = "Light DevOps MCP is ready. Point your MCP client at " + stack.mcpUrl() + "  (dashboard: "
                + stack.baseUrl() + "/, REST: " + stack.baseUrl() + "/api/v1, health: http://127.0.0.1:"
                + api.getEnvironment().getProperty("local.management.port") + "/actuator/health)";
        log.info(ready);
        // Logs are JSON lines; the person who started the stack also gets the one line they need in plain text.
        System.out.println(System.lineSeparator() + ready + System.lineSeparator());
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

    @Override
    public void close() {
        api.close();
        worker.close();
        if (postgres != null) {
            postgres.close();
        }
        if (broker != null) {
            broker.close();
        }
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
