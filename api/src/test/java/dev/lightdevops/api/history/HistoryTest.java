package dev.lightdevops.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.operation.Approval;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The history store on a real PostgreSQL, fed from the shared real broker: what list_changes, the REST history and
 * audit routes and get_operation answer from it, idempotent ingest, rebuilds and retention. Anonymous callers are
 * Developers of tenant "local".
 */
class HistoryTest {

    private static final String TENANT = "local";
    private static ConfigurableApplicationContext api;
    private static String base;
    private static HistoryRecords records;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    /** A service name of this test run only: the shared broker holds other runs' and classes' operations too. */
    private static final String SERVICE = "checkout-" + Long.toString(NOW.toEpochMilli(), 36);

    @BeforeAll
    static void startApi() {
        api = ApiTestContexts.start(Stream.concat(RealPostgres.apiArguments().stream(), Stream.of(
                "--devops.api.operations.sweep-interval=200ms",
                "--devops.history.rewind-check-interval=300ms",
                "--management.endpoint.history.access=unrestricted")).toArray(String[]::new));
        base = ApiTestContexts.baseUrl(api);
        records = new HistoryRecords();
    }

    @AfterAll
    static void stopApi() {
        records.close();
        api.close();
    }

    @Test
    void listChangesTellsWhoWhatFromWhichVersionWhyAndHowItEndedNewestFirst() {
        Operation first = records.deploy(TENANT, "alice", SERVICE, "production", "1.4.1", "1.4.0",
                "weekly release", OperationStatus.SUCCEEDED, NOW.minusSeconds(300));
        Operation failed = records.deploy(TENANT, "bob", SERVICE, "production", "1.4.2", null,
                "INC-7 fix checkout latency", OperationStatus.FAILED, NOW.minusSeconds(200));
        records.send(HistoryRecords.deployment(SERVICE, "production",
                new DeploymentEvent("auto_rollback", "1.4.1", "live", failed.id(), "automatic rollback", "simulated",
                        "bob", "w1", NOW.minusSeconds(195)),
                new DeploymentEvent("deploy", "1.4.2", "failed", failed.id(), "INC-7", "simulated", "bob", "w1",
                        NOW.minusSeconds(196)),
                new DeploymentEvent("deploy", "1.4.1", "live", first.id(), "weekly release", "simulated", "alice",
                        "w1", NOW.minusSeconds(296))));
        records.fetch(TENANT, "alice", SERVICE, NOW.minusSeconds(100));
        records.deploy("another-tenant", "eve", SERVICE, "production", "6.6.6", null, "not yours",
                OperationStatus.SUCCEEDED, NOW.minusSeconds(50));
        awaitIngested();

        JsonNode result = callTool("list_changes", Map.of("environment", "production", "service", SERVICE));

        JsonNode changes = result.get("structuredContent").get("changes");
        assertThat(changes).hasSize(2);
        JsonNode newest = changes.get(0);
        assertThat(newest.get("operation_id").asString()).isEqualTo(failed.id());
        assertThat(newest.get("requested_by").asString()).isEqualTo("bob");
        assertThat(newest.get("version").asString()).isEqualTo("1.4.2");
        assertThat(newest.get("from_version").asString()).isEqualTo("1.4.1");
        assertThat(newest.get("reason").asString()).isEqualTo("INC-7 fix checkout latency");
        assertThat(newest.get("status").asString()).isEqualTo("failed");
        assertThat(newest.get("error").get("code").asString()).isEqualTo("health_check_failed");
        assertThat(newest.get("rolled_back_to").asString()).isEqualTo("1.4.1");
        JsonNode older = changes.get(1);
        assertThat(older.get("operation_id").asString()).isEqualTo(first.id());
        assertThat(older.get("from_version").asString()).isEqualTo("1.4.0");
        assertThat(older.get("status").asString()).isEqualTo("succeeded");
        assertThat(result.get("content").get(0).get("text").asString())
                .contains("1.4.1 -> 1.4.2 by bob: failed (health_check_failed), rolled back to 1.4.1");
    }

    @Test
    void anApprovedChangeNamesItsApprover() {
        Approval approved = Approval.pending(1, "approve_production", NOW.plusSeconds(3600))
                .with(new Approval.Decision("judy", "Judy", NOW.minusSeconds(39), "looks right"));
        Operation deploy = records.deploy(TENANT, "ivan", SERVICE + "-gated", "production", "7.0.0", "6.9.0",
                "needs a second pair of eyes", OperationStatus.SUCCEEDED, NOW.minusSeconds(40), approved);
        awaitIngested();

        JsonNode change = json(Http.get(base + "/api/v1/history?service=" + SERVICE + "-gated")).get("changes").get(0);

        assertThat(change.get("operation_id").asString()).isEqualTo(deploy.id());
        assertThat(change.get("approved_by").get(0).asString()).isEqualTo("judy");
        assertThat(Instant.parse(change.get("approved_at").asString())).isEqualTo(NOW.minusSeconds(39));
    }

    @Test
    void filtersAndCursorPagesVisitEveryMatchingChangeOnce() {
        String service = SERVICE + "-paged";
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(0, records.deploy(TENANT, i % 2 == 0 ? "carol" : "dave", service, "staging", "2.0." + i,
                    null, i == 3 ? "canary for ticket OPS-42" : "routine", OperationStatus.SUCCEEDED,
                    NOW.minusSeconds(1000 - i)).id());
        }
        records.deploy(TENANT, "carol", service, "staging", "1.0.0", null, "long ago", OperationStatus.SUCCEEDED,
                NOW.minus(Duration.ofDays(3)));
        awaitIngested();

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String query = "/api/v1/history?service=" + service + "&since=2d&page_size=2"
                    + (token == null ? "" : "&page_token=" + token);
            JsonNode page = json(Http.get(base + query));
            page.get("changes").forEach(change -> seen.add(change.get("operation_id").asString()));
            token = page.get("next_page_token").isNull() ? null : page.get("next_page_token").asString();
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(json(Http.get(base + "/api/v1/history?service=" + service + "&principal=dave")).get("changes"))
                .hasSize(2);
        JsonNode byWords = json(Http.get(base + "/api/v1/history?service=" + service + "&text=OPS-42%20canary"))
                .get("changes");
        assertThat(byWords).hasSize(1);
        assertThat(byWords.get(0).get("operation_id").asString()).isEqualTo(expected.get(1));
        assertThat(json(Http.get(base + "/api/v1/history?service=" + service + "&until=2d")).get("changes"))
                .hasSize(1);
        assertThat(json(Http.get(base + "/api/v1/history?service=" + service + "&status=failed")).get("changes"))
                .isEmpty();
    }

    @Test
    void badFiltersAreRefusedNamingTheArgument() {
        HttpResponse<String> since = Http.get(base + "/api/v1/history?since=yesterday");
        HttpResponse<String> token = Http.get(base + "/api/v1/audit?page_token=bm90LWEtdG9rZW4");
        JsonNode status = callTool("list_changes", Map.of("status", "exploded"));
        JsonNode unknown = callTool("list_changes", Map.of("colour", "red"));

        assertThat(since.statusCode()).isEqualTo(400);
        assertThat(json(since).get("argument").asString()).isEqualTo("since");
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(json(token).get("argument").asString()).isEqualTo("page_token");
        assertThat(status.get("isError").asBoolean()).isTrue();
        assertThat(status.get("content").get(0).get("text").asString()).contains("status");
        assertThat(unknown.get("isError").asBoolean()).isTrue();
    }

    @Test
    void redeliveredRecordsLeaveEveryRowAsItWas() throws Exception {
        Operation deploy = records.deploy(TENANT, "erin", SERVICE + "-again", "staging", "3.0.0", "2.9.0", "again",
                OperationStatus.SUCCEEDED, NOW.minusSeconds(30));
        AuditEvent event = new AuditEvent(NOW, "accepted", "erin", TENANT, "127.0.0.1", "deploy_service",
                deploy.id(), "deploy", SERVICE + "-again@staging", Map.of("version", "3.0.0"), "queued", null);
        records.send(event);
        records.send(event);
        records.send(deploy);
        awaitIngested();
        Map<String, List<Map<String, Object>>> before = tables();

        HttpResponse<String> replay = postActuator("{\"mode\":\"replay\"}");
        awaitIngested();

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(tables()).isEqualTo(before);
        assertThat(jdbc().sql("SELECT count(*) FROM audit_events WHERE operation_id = :id").param("id", deploy.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc().sql("SELECT status FROM operations WHERE id = :id").param("id", deploy.id())
                .query(String.class).single()).isEqualTo("succeeded");
    }

    @Test
    void aRebuildFromScratchGivesTheSameRows() {
        records.deploy(TENANT, "frank", SERVICE + "-rebuilt", "development", "0.1.0", null, "first",
                OperationStatus.SUCCEEDED, NOW.minusSeconds(20));
        awaitIngested();
        Map<String, List<Map<String, Object>>> before = tables();

        HttpResponse<String> rebuild = postActuator("{\"mode\":\"from_scratch\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> rowCount() > 0);
        awaitIngested();

        assertThat(rebuild.statusCode()).isEqualTo(200);
        assertThat(tables()).isEqualTo(before);
    }

    @Test
    void getOperationFindsAnOperationPastTheViewsRetention() {
        Operation old = records.deploy(TENANT, "grace", SERVICE + "-old", "staging", "0.9.0", null, "old times",
                OperationStatus.SUCCEEDED, NOW.minus(Duration.ofDays(2)));
        OperationView view = api.getBean(OperationView.class);
        awaitIngested();
        await().atMost(Duration.ofSeconds(30)).until(() -> view.find(old.id()).isEmpty());

        JsonNode found = callTool("get_operation", Map.of("id", old.id()));
        HttpResponse<String> rest = Http.get(base + "/api/v1/operations/" + old.id());

        assertThat(found.get("isError").asBoolean()).isFalse();
        assertThat(found.get("structuredContent").get("operation").get("status").asString()).isEqualTo("succeeded");
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(json(rest).get("request").get("version").asString()).isEqualTo("0.9.0");
    }

    @Test
    void theAuditTrailOfARealCallIsStoredAndListedNewestFirst() {
        JsonNode accepted = callTool("deploy_service", Map.of("service", SERVICE + "-audited", "version", "5.0.0",
                "environment", "staging", "reason", "audit me"));
        String id = accepted.get("structuredContent").get("operation_id").asString();
        awaitIngested();

        JsonNode events = json(Http.get(base + "/api/v1/audit?service=" + SERVICE + "-audited&action=accepted"))
                .get("events");
        JsonNode changes = json(Http.get(base + "/api/v1/history?service=" + SERVICE + "-audited")).get("changes");

        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("operation_id").asString()).isEqualTo(id);
        assertThat(events.get(0).get("arguments").get("reason").asString()).isEqualTo("audit me");
        assertThat(events.get(0).get("details_withheld").asBoolean()).isFalse();
        assertThat(changes.get(0).get("status").asString()).isEqualTo("queued");
        assertThat(changes.get(0).get("version").asString()).isEqualTo("5.0.0");
    }

    @Test
    void retentionDeletesRowsOlderThanFourHundredDaysAndKeepsTheRest() {
        Operation ancient = records.deploy(TENANT, "heidi", SERVICE + "-ancient", "staging", "0.0.1", null,
                "ancient", OperationStatus.SUCCEEDED, NOW.minus(Duration.ofDays(401)));
        Operation recent = records.deploy(TENANT, "heidi", SERVICE + "-ancient", "staging", "0.0.2", null,
                "recent", OperationStatus.SUCCEEDED, NOW.minus(Duration.ofDays(399)));
        awaitIngested();

        long deleted = api.getBean(HistoryRetention.class).sweep();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(stored(ancient.id())).isZero();
        assertThat(stored(recent.id())).isOne();
    }

    private static long stored(String id) {
        return jdbc().sql("SELECT count(*) FROM operations WHERE id = :id").param("id", id).query(Long.class)
                .single();
    }

    private static long rowCount() {
        return jdbc().sql("SELECT count(*) FROM operations").query(Long.class).single();
    }

    private static Map<String, List<Map<String, Object>>> tables() {
        return Map.of("operations", jdbc().sql("SELECT * FROM operations ORDER BY id").query().listOfRows(),
                "audit_events", jdbc().sql("SELECT * FROM audit_events ORDER BY id").query().listOfRows(),
                "deployment_events", jdbc().sql("SELECT * FROM deployment_events ORDER BY operation_id, kind, at")
                        .query().listOfRows());
    }

    private static JdbcClient jdbc() {
        return api.getBean(JdbcClient.class);
    }

    /** Waits until the store has read everything on the three topics (the status endpoint's records_behind). */
    private static void awaitIngested() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode topics = json(Http.get(management() + "/actuator/history")).get("topics");
            long behind = 0;
            for (JsonNode topic : topics) {
                behind += topic.get("records_behind").asLong();
            }
            return behind == 0;
        });
    }

    private static HttpResponse<String> postActuator(String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(management() + "/actuator/history"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String management() {
        return "http://127.0.0.1:" + api.getEnvironment().getProperty("local.management.port");
    }

    private static JsonNode callTool(String name, Map<String, Object> arguments) {
        HttpResponse<String> response = Http.postJson(base + "/mcp", ContractJson.mapper().writeValueAsString(
                Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/call",
                        "params", Map.of("name", name, "arguments", arguments))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("result");
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ContractJson.mapper().readTree(response.body());
    }
}
