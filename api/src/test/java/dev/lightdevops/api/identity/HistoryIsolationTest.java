package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.api.history.HistoryRecords;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The history store keeps tenants apart as the operations do: a tenant's changes, audit lines and archived
 * operations are invisible from another tenant; inside the tenant an Observer reads the changes and its colleagues'
 * audit lines without their details, which need read_audit (Developer_prod_access by default).
 */
class HistoryIsolationTest {

    @Test
    void historyAndAuditStayInsideTheTenantAndOthersDetailsNeedReadAudit() {
        TestIssuer issuer = SecuredApi.issuer();
        String alice = issuer.token("alice", "Developer", "tenant-a");
        String amos = issuer.token("amos", "Observer", "tenant-a");
        String pat = issuer.token("pat", "Developer_prod_access", "tenant-a");
        String bob = issuer.token("bob", "Developer_prod_access", "tenant-b");
        String service = "ledger-" + Long.toString(System.nanoTime(), 36);
        String id = SecuredApi.client().call(alice, "deploy_service", Map.of("service", service, "version", "3.1.0",
                        "environment", "staging", "reason", "quarterly close"))
                .get("result").get("structuredContent").get("operation_id").asString();
        awaitStored("audit_events", "operation_id", id);
        awaitStored("operations", "id", id);

        JsonNode bobsChanges = changes(bob, service);
        JsonNode amosChanges = changes(amos, service);
        JsonNode bobsAudit = audit(bob, service);
        JsonNode amosAudit = audit(amos, service);
        JsonNode patsAudit = audit(pat, service);
        JsonNode alicesAudit = audit(alice, service);
        JsonNode amosSearchesAlicesReason = json(SecuredApi.client().get(amos,
                "/api/v1/audit?service=" + service + "&text=quarterly")).get("events");

        assertThat(bobsChanges).isEmpty();
        assertThat(amosChanges).hasSize(1);
        assertThat(amosChanges.get(0).get("requested_by").asString()).isEqualTo("alice");
        assertThat(bobsAudit).isEmpty();
        assertThat(amosAudit).hasSize(1);
        assertThat(amosAudit.get(0).get("details_withheld").asBoolean()).isTrue();
        assertThat(amosAudit.get(0).has("arguments")).isFalse();
        assertThat(amosSearchesAlicesReason).isEmpty();
        assertThat(patsAudit.get(0).get("arguments").get("reason").asString()).isEqualTo("quarterly close");
        assertThat(alicesAudit.get(0).get("details_withheld").asBoolean()).isFalse();
    }

    @Test
    void anArchivedOperationIsFoundOnlyInsideItsTenant() {
        TestIssuer issuer = SecuredApi.issuer();
        Operation archived;
        try (HistoryRecords records = new HistoryRecords()) {
            archived = records.deploy("tenant-a", "alice", "vault", "staging", "2.0.0", "1.9.0", "rotation",
                    OperationStatus.SUCCEEDED, Instant.now().minus(Duration.ofDays(3)));
            // Tombstoned, as retention does after a day: the view forgets it, the store does not.
            records.tombstone(archived.id());
        }
        awaitStored("operations", "id", archived.id());

        JsonNode amos = SecuredApi.client().call(issuer.token("amos", "Observer", "tenant-a"), "get_operation",
                Map.of("id", archived.id()));
        JsonNode bob = SecuredApi.client().call(issuer.token("bob", "Developer_prod_access", "tenant-b"),
                "get_operation", Map.of("id", archived.id()));
        HttpResponse<String> bobsRest = SecuredApi.client().get(issuer.token("bob", "Developer_prod_access",
                "tenant-b"), "/api/v1/operations/" + archived.id());

        assertThat(McpClient.errorCode(amos)).isNull();
        assertThat(amos.get("result").get("structuredContent").get("operation").get("result")
                .get("previous_version").asString()).isEqualTo("1.9.0");
        assertThat(McpClient.errorCode(bob)).isEqualTo("not_found");
        assertThat(bobsRest.statusCode()).isEqualTo(404);
    }

    @Test
    void theStoresRebuildIsRefusedEvenWithTheStrongestRoleUnlessAnOperatorTurnedItOn() throws Exception {
        String token = "Bearer " + SecuredApi.issuer().token("pat", "Developer_prod_access", "tenant-a");
        String history = "http://127.0.0.1:" + SecuredApi.context().getEnvironment()
                .getProperty("local.management.port") + "/actuator/history";
        JdbcClient jdbc = SecuredApi.context().getBean(JdbcClient.class);
        long positionsBefore = jdbc.sql("SELECT count(*) FROM ingest_positions").query(Long.class).single();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> rebuild = http.send(HttpRequest.newBuilder(URI.create(history))
                .header("Content-Type", "application/json").header("Authorization", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"from_scratch\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(history))
                .header("Authorization", token).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(rebuild.statusCode()).as(rebuild.body()).isBetween(400, 499);
        assertThat(status.statusCode()).as("reading how far the store is stays open").isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM ingest_positions").query(Long.class).single())
                .as("nothing deleted").isGreaterThanOrEqualTo(positionsBefore);
    }

    private static JsonNode changes(String token, String service) {
        return json(SecuredApi.client().get(token, "/api/v1/history?service=" + service)).get("changes");
    }

    private static JsonNode audit(String token, String service) {
        return json(SecuredApi.client().get(token, "/api/v1/audit?service=" + service + "&action=accepted"))
                .get("events");
    }

    private static void awaitStored(String table, String column, String id) {
        JdbcClient jdbc = SecuredApi.context().getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM " + table + " WHERE "
                + column + " = :id").param("id", id).query(Long.class).single() > 0);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body());
    }
}
