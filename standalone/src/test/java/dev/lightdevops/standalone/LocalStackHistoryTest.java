package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The local stack as {@code ./run-local.sh} starts it on a fresh clone (an empty data directory, no database given):
 * it brings up its own real PostgreSQL, the history answers list_changes, and the history is still there, in the data
 * directory, after a restart. (The broker is the suite's shared one: the embedded broker has tests of its own.)
 */
class LocalStackHistoryTest {

    /** The shared broker holds other classes' deploys too: this run's own service. */
    private static final String SERVICE = "orders-" + Long.toString(System.nanoTime(), 36);

    @TempDir
    Path data;

    @Test
    void aFreshStackKeepsItsHistoryInItsOwnPostgresAcrossARestart() throws Exception {
        String[] args = {"--server.port=0", "--devops.standalone.data-directory=" + data,
                "--devops.standalone.kafka-bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.simulated-stage-duration=20ms"};
        String id;
        String url;
        try (StandaloneApplication stack = StandaloneApplication.start(args)) {
            url = stack.embeddedDatabaseUrl().orElseThrow();
            id = deploy(stack);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode changes = listChanges(stack).get("structuredContent").get("changes");
                assertThat(changes).hasSize(1);
                assertThat(changes.get(0).get("operation_id").asString()).isEqualTo(id);
                assertThat(changes.get(0).get("status").asString()).isEqualTo("succeeded");
                assertThat(changes.get(0).get("version").asString()).isEqualTo("2.0.0");
            });
        }
        assertThat(Files.exists(data.resolve("postgres").resolve("PG_VERSION"))).isTrue();

        try (StandaloneApplication restarted = StandaloneApplication.start(args)) {
            assertThat(restarted.embeddedDatabaseUrl()).isPresent();
            try (Connection connection = DriverManager.getConnection(restarted.embeddedDatabaseUrl().get(),
                    "postgres", "");
                    PreparedStatement query = connection.prepareStatement(
                            "SELECT status FROM operations WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("succeeded");
                }
            }
            assertThat(listChanges(restarted).get("structuredContent").get("changes").get(0).get("operation_id")
                    .asString()).isEqualTo(id);
        }
        assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:");
    }

    private static String deploy(StandaloneApplication stack) {
        return ContractJson.mapper().readTree(Http.postJson(stack.mcpUrl(), """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"deploy_service",
                 "arguments":{"service":"%s","version":"2.0.0","environment":"staging","reason":"first"}}}""".formatted(SERVICE))
                .body()).get("result").get("structuredContent").get("operation_id").asString();
    }

    private static JsonNode listChanges(StandaloneApplication stack) {
        return ContractJson.mapper().readTree(Http.postJson(stack.mcpUrl(), """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_changes",
                 "arguments":{"environment":"staging","service":"%s"}}}""".formatted(SERVICE)).body()).get("result");
    }
}
