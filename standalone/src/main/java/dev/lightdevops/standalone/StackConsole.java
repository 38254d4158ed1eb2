package dev.lightdevops.standalone;

import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.common.operation.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's story for the person who started it, told through one logger (so the human console shows it
 * as plain lines and the JSON log file holds the same events): what starts and where its data and logs are, the
 * ready block with every URL, one line per operation event ({@link OperationLines}), and the stop.
 */
final class StackConsole {

    private static final Logger log = LoggerFactory.getLogger(StackConsole.class);
    private static final String RULE = "  " + "=".repeat(78);

    private final Map<String, Operation> narrated = new ConcurrentHashMap<>();

    void starting(Path dataDirectory, boolean reused, Path logFile, boolean embeddedBroker, boolean embeddedPostgres) {
        log.info("Light DevOps MCP: starting the local stack ({}worker and api in one JVM{})",
                embeddedBroker ? "Kafka broker, " : "", embeddedPostgres ? ", PostgreSQL for the history beside it" : "");
        log.info("  data  {} ({})", dataDirectory, reused ? "kept from the last run" : "new");
        log.info("  logs  {} (the full log of every component, JSON lines)", logFile);
    }

    void brokerStarted(String bootstrapServers, Duration took) {
        log.info("Kafka broker (KRaft) listening on {}, started in {}", bootstrapServers, seconds(took));
    }

    void externalBroker(String bootstrapServers) {
        log.info("Kafka: using the cluster at {}", bootstrapServers);
    }

    void started(String component, Duration took) {
        log.info("{} started in {}", component, seconds(took));
    }

    void ready(StandaloneApplication stack, String healthUrl, Duration took, boolean reusedData) {
        log.atInfo().addKeyValue("mcp_url", stack.mcpUrl()).addKeyValue("startup_seconds", took.toMillis() / 1000.0)
                .log(String.join(System.lineSeparator(), "", RULE,
                        "   Light DevOps MCP is ready. Point your MCP client at " + stack.mcpUrl(),
                        "     dashboard  " + stack.baseUrl() + "/",
                        "     REST       " + stack.baseUrl() + "/api/v1",
                        "     health     " + healthUrl,
                        "   Ready in " + seconds(took) + (reusedData ? " (Kafka's data kept from the last run)" : "")
                                + ". Ctrl-C stops everything.",
                        RULE, ""));
    }

    /** Narrates every later change of the api's operation view, until the returned handle is closed. */
    AutoCloseable follow(OperationView view) {
        return view.subscribe(snapshot -> {
            Operation previous = snapshot.isTerminal() ? narrated.remove(snapshot.id())
                    : narrated.put(snapshot.id(), snapshot);
            OperationLines.describe(snapshot, previous).ifPresent(line -> log.atInfo()
                    .addKeyValue("operation_id", snapshot.id()).addKeyValue("status", snapshot.status().wireName())
                    .log(line));
        });
    }

    void stopping() {
        log.info("Stopping the local stack...");
    }

    void stopped(Duration took) {
        log.info("Stopped in {}.", seconds(took));
    }

    private static String seconds(Duration took) {
        return String.format("%.1f s", took.toMillis() / 1000.0);
    }
}
