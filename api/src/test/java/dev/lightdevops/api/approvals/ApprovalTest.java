package dev.lightdevops.api.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.api.identity.McpClient;
import dev.lightdevops.api.identity.TestIssuer;
import dev.lightdevops.api.mcp.McpResults;
import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.TopicProbe;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Production safety on two api instances with authentication on: a production deploy waits for a second person's
 * approval and nothing reaches {@code ops.commands} before it; the rules (permission, two-person, tenant, deadline)
 * refuse what they must and publish nothing; two approvers racing on two instances publish one command. The second
 * instance gives its operations a short approval deadline, so expiry is seen in seconds. (No worker runs in api
 * tests: what "runs once" means end to end is in the standalone module's approval test.)
 */
class ApprovalTest {

    private static TestIssuer issuer;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static McpClient onFirst;
    private static McpClient onSecond;

    @BeforeAll
    static void startTwoApis() {
        issuer = new TestIssuer();
        first = ApiTestContexts.start(arguments("--devops.approvals.deadline=1h"));
        second = ApiTestContexts.start(arguments("--devops.approvals.deadline=3s"));
        onFirst = new McpClient(ApiTestContexts.baseUrl(first));
        onSecond = new McpClient(ApiTestContexts.baseUrl(second));
    }

    private static String[] arguments(String deadline) {
        return Stream.concat(Stream.of(issuer.apiArguments()), Stream.of(deadline,
                "--devops.approvals.sweep-interval=200ms", "--devops.limits.mutating-calls=100000",
                "--devops.limits.max-active-operations=100000")).toArray(String[]::new);
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        issuer.close();
    }

    @Test
    void aProductionDeployWaitsForApprovalThenASecondPersonsApprovalPublishesItsCommandOnce() {
        String alice = issuer.token("alice", "Developer_prod_access", "acme");
        String bob = issuer.token("bob", "Release_manager", "acme");

        JsonNode accepted = structured(onFirst.call(alice, "deploy_service", Map.of("service", "checkout",
                "version", "2.0.0", "environment", "production", "reason", "release 2.0")));
        String id = accepted.get("operation_id").asString();

        assertThat(accepted.get("status").asString()).isEqualTo("awaiting_approval");
        assertThat(accepted.get("result").get("placeholder").asBoolean()).isTrue();
        assertThat(accepted.get("result").get("approvers").asString()).contains("approve_production");
        assertThat(accepted.get("result").get("expires_at").asString()).isNotBlank();
        assertThat(commandsFor(id)).isZero();

        JsonNode approved = onSecond.call(bob, "approve_operation", Map.of("operation_id", id, "reason", "LGTM"));
        JsonNode operation = structured(approved).get("operation");

        assertThat(McpClient.errorCode(approved)).isNull();
        assertThat(operation.get("status").asString()).isEqualTo("queued");
        assertThat(operation.get("approval").get("decision").asString()).isEqualTo("approved");
        assertThat(operation.get("approval").get("approvals").get(0).get("principal").asString()).isEqualTo("bob");
        assertThat(operation.get("approval").get("approvals").get(0).get("reason").asString()).isEqualTo("LGTM");
        assertThat(commandsFor(id)).isEqualTo(1);
        JsonNode again = onFirst.call(bob, "approve_operation", Map.of("id", id));
        assertThat(McpClient.errorCode(again)).isNull();
        assertThat(McpResults.text(again.get("result"))).contains("already");
        assertThat(commandsFor(id)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(auditOf(id))
                .anySatisfy(event -> {
                    assertThat(event.action()).isEqualTo("approved");
                    assertThat(event.principal()).isEqualTo("bob");
                    assertThat(event.requestedBy()).isEqualTo("alice");
                }));
    }

    @Test
    void theRequesterCannotApproveTheirOwnDeployEvenHoldingTheApprovePermission() {
        String carol = approvingDeveloper("carol");
        String id = awaitingDeploy(carol, "payments");

        JsonNode own = onFirst.call(carol, "approve_operation", Map.of("operation_id", id));

        assertThat(McpClient.errorCode(own)).isEqualTo("two_person_rule");
        assertThat(McpResults.text(own.get("result"))).contains("Ask another approver");
        assertThat(status(onSecond, carol, id)).isEqualTo("awaiting_approval");
        assertThat(commandsFor(id)).isZero();
    }

    @Test
    void observersDevelopersAndOtherTenantsCannotApprove() {
        String alice = issuer.token("alice", "Developer_prod_access", "acme");
        String id = awaitingDeploy(alice, "search");

        JsonNode observer = onFirst.call(issuer.token("olga", "Observer", "acme"), "approve_operation",
                Map.of("operation_id", id));
        JsonNode developer = onFirst.call(issuer.token("dave", "Developer", "acme"), "approve_operation",
                Map.of("operation_id", id));
        JsonNode prodDeveloper = onFirst.call(issuer.token("paul", "Developer_prod_access", "acme"),
                "approve_operation", Map.of("operation_id", id));
        JsonNode otherTenant = onSecond.call(issuer.token("mallory", "Release_manager", "globex"),
                "approve_operation", Map.of("operation_id", id));

        assertThat(McpClient.errorCode(observer)).isEqualTo("permission_denied");
        assertThat(McpClient.errorCode(developer)).isEqualTo("permission_denied");
        assertThat(McpClient.errorCode(prodDeveloper)).isEqualTo("permission_denied");
        assertThat(McpClient.errorCode(otherTenant)).isEqualTo("not_found");
        assertThat(status(onFirst, alice, id)).isEqualTo("awaiting_approval");
        assertThat(commandsFor(id)).isZero();
    }

    @Test
    void aRejectionEndsItRejectedWithTheReasonAndNothingIsPublished() {
        String alice = issuer.token("alice", "Developer_prod_access", "acme");
        String bob = issuer.token("bob", "Release_manager", "acme");
        String id = awaitingDeploy(alice, "ledger");

        JsonNode withoutReason = onSecond.call(bob, "reject_operation", Map.of("operation_id", id));
        JsonNode rejected = onSecond.call(bob, "reject_operation", Map.of("operation_id", id,
                "reason", "change freeze until Monday"));
        JsonNode approvedAfter = onFirst.call(issuer.token("rita", "Release_manager", "acme"), "approve_operation",
                Map.of("operation_id", id));

        assertThat(McpClient.errorCode(withoutReason)).isEqualTo("invalid_argument");
        JsonNode operation = structured(rejected).get("operation");
        assertThat(operation.get("status").asString()).isEqualTo("rejected");
        assertThat(operation.get("error").get("message").asString()).contains("bob", "change freeze until Monday");
        assertThat(operation.get("approval").get("rejection").get("principal").asString()).isEqualTo("bob");
        assertThat(McpClient.errorCode(approvedAfter)).isEqualTo("not_awaiting_approval");
        assertThat(commandsFor(id)).isZero();
    }

    @Test
    void unapprovedPastItsDeadlineItEndsExpiredAndCanNoLongerBeApproved() {
        String alice = issuer.token("alice", "Developer_prod_access", "acme");
        JsonNode accepted = structured(onSecond.call(alice, "deploy_service", Map.of("service", "mailer",
                "version", "1.0.0", "environment", "production")));
        String id = accepted.get("operation_id").asString();

        await().atMost(Duration.ofSeconds(20)).until(() -> "expired".equals(status(onFirst, alice, id)));
        JsonNode late = onFirst.call(issuer.token("bob", "Release_manager", "acme"), "approve_operation",
                Map.of("operation_id", id));

        assertThat(McpClient.errorCode(late)).isEqualTo("not_awaiting_approval");
        assertThat(commandsFor(id)).isZero();
    }

    @Test
    void twoApproversRacingOnTwoInstancesPublishOneCommand() throws Exception {
        String alice = issuer.token("alice", "Developer_prod_access", "acme");
        String bob = issuer.token("bob", "Release_manager", "acme");
        String rita = issuer.token("rita", "Release_manager", "acme");
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            ids.add(awaitingDeploy(alice, "race-" + round));
        }
        try (ExecutorService approvers = Executors.newFixedThreadPool(3)) {
            for (String id : ids) {
                CyclicBarrier together = new CyclicBarrier(3);
                List<Future<JsonNode>> answers = approvers.invokeAll(List.of(
                        () -> atOnce(together, () -> onFirst.call(bob, "approve_operation", Map.of("operation_id", id))),
                        () -> atOnce(together, () -> onSecond.call(rita, "approve_operation",
                                Map.of("operation_id", id))),
                        () -> atOnce(together, () -> onSecond.call(bob, "approve_operation",
                                Map.of("operation_id", id)))));
                for (Future<JsonNode> answer : answers) {
                    assertThat(McpClient.errorCode(answer.get())).as(answer.get().toString()).isNull();
                }
            }
        }
        for (String id : ids) {
            assertThat(commandsFor(id)).as(id).isEqualTo(1);
            assertThat(status(onFirst, alice, id)).isEqualTo("queued");
        }
    }

    @Test
    void approvalsAreRestRoutesToo() {
        String carol = approvingDeveloper("carol");
        String id = awaitingDeploy(carol, "gateway");

        HttpResponse<String> own = post(carol, "/api/v1/operations/" + id + ":approve", "{}");
        HttpResponse<String> rejected = post(issuer.token("bob", "Release_manager", "acme"),
                "/api/v1/operations/" + id + ":reject", "{\"reason\":\"not this week\"}");

        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(own.body()).contains("two-person-rule", "next_action");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.body()).contains("\"status\":\"rejected\"", "not this week");
    }

    @Test
    void listOperationsFindsWhatAwaitsApproval() {
        String alice = issuer.token("alice", "Developer_prod_access", "acme");
        String id = awaitingDeploy(alice, "listing");

        JsonNode listed = structured(onSecond.call(issuer.token("bob", "Release_manager", "acme"),
                "list_operations", Map.of("status", "awaiting_approval", "page_size", 100)));

        List<String> ids = new ArrayList<>();
        listed.get("operations").forEach(operation -> {
            assertThat(operation.get("status").asString()).isEqualTo("awaiting_approval");
            ids.add(operation.get("id").asString());
        });
        assertThat(ids).contains(id);
    }

    private static JsonNode atOnce(CyclicBarrier together, java.util.function.Supplier<JsonNode> call)
            throws Exception {
        together.await(10, TimeUnit.SECONDS);
        return call.get();
    }

    /** A production developer who also holds approve_production (so only the two-person rule stands in the way). */
    private static String approvingDeveloper(String subject) {
        Map<String, Object> claims = new LinkedHashMap<>(issuer.claims(subject, "Developer_prod_access", "acme"));
        claims.put("permissions", List.of("approve_production"));
        return issuer.sign(claims);
    }

    private static String awaitingDeploy(String token, String service) {
        JsonNode accepted = structured(onFirst.call(token, "deploy_service", Map.of("service", service,
                "version", "1.0." + Math.abs(UUID.randomUUID().hashCode() % 1000), "environment", "production")));
        assertThat(accepted.get("status").asString()).isEqualTo("awaiting_approval");
        return accepted.get("operation_id").asString();
    }

    private static String status(McpClient client, String token, String id) {
        return structured(client.call(token, "get_operation", Map.of("operation_id", id)))
                .get("operation").get("status").asString();
    }

    private static JsonNode structured(JsonNode response) {
        JsonNode result = response.get("result");
        assertThat(result).as(response.toString()).isNotNull();
        assertThat(result.get("isError").asBoolean()).as(response.toString()).isFalse();
        return result.get("structuredContent");
    }

    private static long commandsFor(String id) {
        return TopicProbe.readAll(Topics.COMMANDS).stream()
                .map(record -> ContractJson.read(record.value(), Command.class))
                .filter(command -> command.operation().id().equals(id)).count();
    }

    private static List<AuditEvent> auditOf(String id) {
        return TopicProbe.readAll(Topics.AUDIT).stream().map(record -> ContractJson.read(record.value(),
                AuditEvent.class)).filter(event -> id.equals(event.operationId())).toList();
    }

    private static HttpResponse<String> post(String token, String path, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(onFirst.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
