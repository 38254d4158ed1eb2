package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (headless Debian chromium): the page loads, its live feed connects, operations
 * started by the test appear, move through their stages and reach {@code succeeded}; a production deploy waiting for
 * approval is shown with who asked for what, and a release manager's click on its Approve button queues it. Skipped
 * where chromium is not installed; {@code scripts/dashboard-browser-check.sh} installs it and runs this test. With
 * the system property {@code dashboard.screenshot} set, the screenshot taken while operations are in flight is
 * written there.
 */
class DashboardBrowserTest {

    private static StandaloneApplication stack;
    private static Chromium browser;

    @BeforeAll
    static void startStackAndBrowser() throws Exception {
        Path chromium = Chromium.binary().orElse(null);
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (scripts/dashboard-browser-check.sh)");
        stack = StandaloneApplication.start("--server.port=0",
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
        Path screenshot = Path.of(System.getProperty("dashboard.screenshot", "target/dashboard.png"));
        browser.screenshot(screenshot);
        assertThat(Files.size(screenshot)).isPositive();
        assertThat(browser.evaluate("document.querySelector('.target[data-target=\"checkout@staging\"]') !== null")
                .asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> "succeeded".equals(statusInPage(id))));
        assertThat(browser.evaluate("document.querySelector('.target[data-target=\"checkout@staging\"] .version')"
                + ".textContent").asString()).isEqualTo("2.4.0");
        assertThat(browser.evaluate("document.querySelector('tr[data-operation-id=\"" + first + "\"]')"
                + ".textContent").asString()).contains("anonymous", "deploy", "checkout@staging", "100%");
    }

    @Test
    void textThatCouldSpoofAPersonIsShownEscaped() throws Exception {
        Instant now = Instant.now();
        Operation spoofing = Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target("ledger", "staging"),
                Map.of("service", "ledger", "version", "1.0.0", "environment", "staging"), Map.of("placeholder", true),
                "mallory\u202Eecila", "local", null, now, now.plusSeconds(600), null)
                .ended(OperationStatus.FAILED, new OperationError("deploy_failed", "exit 1: \u2066approved\u2069", false),
                        now);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.STATUS, spoofing.id(),
                    ContractJson.mapper().writeValueAsBytes(spoofing))).get();
        }
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

            // The reason goes where the page asks for it: the card's field, or a prompt (answered here, headless).
            browser.evaluate("(() => { window.prompt = () => 'release window open'; const field = " + card
                    + ".querySelector('input.reason'); if (field) field.value = 'release window open'; return true; })()");
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
