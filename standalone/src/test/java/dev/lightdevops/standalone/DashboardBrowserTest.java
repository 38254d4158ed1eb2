package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Approval;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (headless Debian chromium): the main page's live feed, pending approvals (and a
 * release manager's click on Approve queueing a production deploy) and outcome chart; an operation's own page
 * following it live to its end with its timeline; a service's page charting its golden signals (marked simulated)
 * with its recent error logs. It runs in every build: the standalone module's build installs Debian's chromium first
 * where it is missing (scripts/ensure-chromium.sh). With the system property {@code dashboard.screenshots} set (a
 * directory, {@code scripts/dashboard-browser-check.sh} gives docs/), the screenshots of the three pages are written
 * there.
 */
class DashboardBrowserTest {

    private static StandaloneApplication stack;
    private static Chromium browser;

    @BeforeAll
    static void startStackAndBrowser() throws Exception {
        Path chromium = Chromium.required();
        stack = StandaloneApplication.start("--server.port=0", "--devops.standalone.data-directory=target/stack-data",
                "--devops.standalone.kafka-bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.simulated-stage-duration=1500ms");
        browser = Chromium.launch(chromium, 1400, 900);
    }

    @AfterAll
    static void stopBrowserAndStack() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void operationStartedByTheTestAppearsLiveAndReachesSucceeded() throws Exception {
        browser.navigate(stack.baseUrl() + "/");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                browser.evaluate("location.href + ' | ' + document.getElementById('feed-label')?.textContent")
                        .asString("")).endsWith("| live"));

        List<CompletableFuture<String>> started = new ArrayList<>();
        for (String[] deploy : new String[][] {{"checkout", "2.4.0", "staging"}, {"search", "1.9.3", "development"},
                {"payments", "5.0.1", "staging"}, {"checkout", "2.4.1", "development"}}) {
            started.add(CompletableFuture.supplyAsync(() -> deploy(deploy[0], deploy[1], deploy[2])));
        }
        List<String> ids = started.stream().map(CompletableFuture::join).toList();
        String first = ids.get(0);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statusesInPage())
                .contains("running").hasSizeGreaterThanOrEqualTo(ids.size()));
        assertThat(screenshot("dashboard.png")).isPositive();
        assertThat(browser.evaluate("document.querySelector('.target[data-target=\"checkout@staging\"]') !== null")
                .asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> "succeeded".equals(statusInPage(id))));
        assertThat(browser.evaluate("document.querySelector('.target[data-target=\"checkout@staging\"] .version')"
                + ".textContent").asString()).isEqualTo("2.4.0");
        assertThat(browser.evaluate("document.querySelector('tr[data-operation-id=\"" + first + "\"]')"
                + ".textContent").asString()).contains("anonymous", "deploy", "checkout@staging", "100%");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.evaluate(
                "Number(document.getElementById('outcome-chart').dataset.total || 0)").asInt() >= ids.size());
        assertThat(browser.evaluate("document.querySelector('#outcome-chart canvas') !== null").asBoolean()).isTrue();
    }

    @Test
    void anOperationsOwnPageFollowsItLiveToItsEndWithItsTimeline() throws Exception {
        String id = deploy("ledger", "3.0.0", "staging");
        browser.navigate(stack.baseUrl() + "/dashboard/operation.html?id=" + id);
        await().atMost(Duration.ofSeconds(30)).until(() -> !pageStatus().isEmpty());
        String firstSeen = pageStatus();

        await().atMost(Duration.ofSeconds(60)).until(() -> "succeeded".equals(pageStatus()));

        assertThat(firstSeen).isIn("queued", "running");
        assertThat(browser.evaluate("location.search").asString()).isEqualTo("?id=" + id);
        assertThat(browser.evaluate("document.getElementById('facts').textContent").asString())
                .contains(id, "anonymous", "ledger@staging");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(browser.evaluate(
                "[...document.querySelectorAll('#timeline tbody tr')].map(r => r.dataset.status + ':'"
                        + " + r.dataset.stage).join()").asString())
                .startsWith("queued:").contains("running:").endsWith("succeeded:"));
        assertThat(browser.evaluate("document.querySelectorAll('#timeline tbody tr[data-status=\"running\"]').length")
                .asInt()).isGreaterThanOrEqualTo(3);
        assertThat(browser.evaluate("document.getElementById('outcome').textContent").asString()).contains("3.0.0");
        assertThat(screenshot("dashboard-operation.png")).isPositive();
    }

    @Test
    void aServicesPageChartsItsGoldenSignalsMarkedSimulatedWithItsErrorLogs() throws Exception {
        browser.navigate(stack.baseUrl() + "/dashboard/service.html?service=checkout");

        await().atMost(Duration.ofSeconds(60)).until(() -> browser.evaluate(
                "Number(document.getElementById('chart-latency').dataset.points || 0)").asInt() > 0);

        assertThat(browser.evaluate("document.querySelectorAll('.charts canvas').length").asInt()).isEqualTo(3);
        assertThat(browser.evaluate("Number(document.getElementById('chart-throughput').dataset.points || 0)")
                .asInt()).isPositive();
        assertThat(browser.evaluate("document.getElementById('simulated').hidden").asBoolean()).isFalse();
        assertThat(browser.evaluate("document.getElementById('notice').textContent").asString())
                .containsIgnoringCase("simulated");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.evaluate(
                "document.querySelectorAll('#logs tbody tr').length > 0 || !document.getElementById('no-logs').hidden")
                .asBoolean());
        assertThat(screenshot("dashboard-service.png")).isPositive();
    }

    @Test
    void anOperationAwaitingApprovalIsShownAtTheTopWithWhoAskedAndWhy() throws Exception {
        Instant now = Instant.now();
        Operation awaiting = new Operation(OperationIds.next(), OperationType.DEPLOY, new Target("billing", "production"),
                OperationStatus.AWAITING_APPROVAL, Map.of("service", "billing", "version", "7.1.0", "environment",
                        "production", "reason", "quarterly fix"), null, null, null, Map.of("placeholder", true),
                "alice", "local", null, 0, now, null, now, null, now.plusSeconds(3600), null,
                Approval.pending(1, "approve_production", now.plusSeconds(3600)));
        publish(awaiting);
        browser.navigate(stack.baseUrl() + "/");

        String item = "document.querySelector('#approvals .approval[data-operation-id=\"" + awaiting.id() + "\"]')";
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.evaluate(item + " !== null").asBoolean());

        assertThat(browser.evaluate("document.getElementById('approvals').hidden").asBoolean()).isFalse();
        assertThat(browser.evaluate(item + ".textContent").asString())
                .contains("deploy billing 7.1.0 to production", "alice", "quarterly fix", "approve_production");
        assertThat(browser.evaluate("document.getElementById('approvals').getBoundingClientRect().bottom"
                + " <= document.getElementById('summary').getBoundingClientRect().top").asBoolean())
                .as("the approvals come before everything else").isTrue();
        assertThat(browser.evaluate(item + ".querySelector('a.what').getAttribute('href')").asString())
                .isEqualTo("/dashboard/operation.html?id=" + awaiting.id());
    }

    @Test
    void textThatCouldSpoofAPersonIsShownEscaped() throws Exception {
        Instant now = Instant.now();
        Operation spoofing = Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target("ledger", "staging"),
                Map.of("service", "ledger", "version", "1.0.0", "environment", "staging"), Map.of("placeholder", true),
                "mallory\u202Eecila", "local", null, now, now.plusSeconds(600), null)
                .ended(new Outcome.Failed(new OperationError("deploy_failed", "exit 1: \u2066approved\u2069", false)),
                        now);
        publish(spoofing);
        browser.navigate(stack.baseUrl() + "/");

        String row = "document.querySelector('tr[data-operation-id=\"" + spoofing.id() + "\"]')?.textContent ?? ''";
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.evaluate(row).asString("").isEmpty());
        assertThat(browser.evaluate(row).asString()).contains("mallory\\u202Eecila", "\\u2066approved\\u2069")
                .doesNotContain("\u202E", "\u2066");
    }

    @Test
    void aReleaseManagerApprovesAProductionDeployWithTheDashboardsButton() throws Exception {
        String alice = localToken("alice", "Developer_prod_access");
        String bob = localToken("bob", "Release_manager");
        HttpResponse<String> accepted = Http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl()
                        + "/api/v1/tools/deploy_service")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.ofString("""
                        {"service":"checkout","version":"3.1.4","environment":"production","reason":"spring release"}""")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = ContractJson.mapper().readTree(accepted.body()).get("operation_id").asString();
        String card = "document.querySelector('#approvals .approval[data-operation-id=\"" + id + "\"]')";
        try {
            browser.navigate(stack.baseUrl() + "/");
            browser.evaluate("localStorage.setItem('lightdevops.token', '" + bob + "')");
            browser.navigate(stack.baseUrl() + "/");
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.evaluate(card + "?.querySelector("
                    + "'[data-action=approve]')?.hidden === false").asBoolean());
            assertThat(browser.evaluate(card + ".textContent").asString()).contains("deploy", "checkout", "3.1.4",
                    "production", "alice", "spring release", "approve_production");

            browser.evaluate(card + ".querySelector('input.reason').value = 'release window open'");
            browser.evaluate(card + ".querySelector('[data-action=approve]').click()");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode operation = ContractJson.mapper().readTree(Http.send(HttpRequest.newBuilder(
                        URI.create(stack.baseUrl() + "/api/v1/operations/" + id))
                        .header("Authorization", "Bearer " + bob).GET()).body());
                assertThat(operation.get("status").asString()).isIn("queued", "running", "succeeded");
                JsonNode approval = operation.get("approval").get("approvals").get(0);
                assertThat(approval.get("principal").asString()).isEqualTo("bob");
                assertThat(approval.get("reason").asString()).isEqualTo("release window open");
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.evaluate(card + " === null").asBoolean());
        } finally {
            browser.evaluate("localStorage.removeItem('lightdevops.token')");
        }
    }

    private static String localToken(String subject, String role) {
        return ContractJson.mapper().readTree(Http.postJson(stack.baseUrl() + "/local/tokens",
                "{\"subject\":\"" + subject + "\",\"role\":\"" + role + "\",\"tenant\":\"acme\"}").body())
                .get("access_token").asString();
    }

    /** Writes a snapshot to ops.status as a worker or an api would (what arrives from elsewhere, shown as it is). */
    private static void publish(Operation snapshot) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.STATUS, snapshot.id(),
                    ContractJson.mapper().writeValueAsBytes(snapshot))).get();
        }
    }

    private static String pageStatus() {
        return browser.evaluate("document.body?.dataset.status ?? ''").asString("");
    }

    private static long screenshot(String name) throws Exception {
        Path screenshot = Path.of(System.getProperty("dashboard.screenshots", "target")).resolve(name);
        browser.screenshot(screenshot);
        return Files.size(screenshot);
    }

    private static List<String> statusesInPage() {
        String statuses = browser.evaluate(
                "[...document.querySelectorAll('#operations tbody tr')].map(row => row.dataset.status).join()")
                .asString("");
        return statuses.isEmpty() ? List.of() : List.of(statuses.split(","));
    }

    private static String statusInPage(String id) {
        return browser.evaluate("document.querySelector('tr[data-operation-id=\"" + id + "\"]')?.dataset.status ?? ''")
                .asString("");
    }

    /** Deploys through REST; a retryable 503 (Kafka still warming up on a fresh broker) is retried, as clients do. */
    private static String deploy(String service, String version, String environment) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            answer.set(Http.postJson(stack.baseUrl() + "/api/v1/tools/deploy_service", """
                    {"service":"%s","version":"%s","environment":"%s"}""".formatted(service, version, environment)));
            return answer.get().statusCode() != 503;
        });
        assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(202);
        return ContractJson.mapper().readTree(answer.get().body()).get("operation_id").asString();
    }
}
