package dev.lightdevops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.CancelRequest;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.common.testing.TopicProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The api side of the operations engine on two api instances against a real broker: idempotency across instances,
 * read-your-writes, long-poll, cancellation of queued operations, and the audit trail.
 */
class OperationEngineApiTest {

    private static final String[] GENEROUS_LIMITS = {"--devops.limits.mutating-calls=100000",
        "--devops.limits.max-active-operations=100000"};
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoApis() {
        first = ApiTestContexts.start(GENEROUS_LIMITS);
        second = ApiTestContexts.start(GENEROUS_LIMITS);
    }

    /**
     * Leaves the shared broker as other test classes expect it: no worker runs in api tests, so the operations these
     * tests accepted would stay active forever and count against the anonymous principal's limits elsewhere.
     */
    @AfterAll
    static void endLeftoverOperationsAndStopApis() throws Exception {
        dev.lightdevops.api.operations.OperationView view = first.getBean(dev.lightdevops.api.operations.OperationView.class);
        for (Operation active : view.all().stream().filter(operation -> !operation.isTerminal()).toList()) {
            publishStatus(active.ended(new Outcome.Cancelled(
                    new dev.lightdevops.common.operation.OperationError("cancelled", "test cleanup", false)),
                    Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> view.count(operation -> !operation.isTerminal()) == 0);
        first.close();
        second.close();
    }

    @Test
    void sameIdempotencyKeyOnTwoInstancesAtOnceYieldsOneOperation() {
        String key = "release-" + UUID.randomUUID();
        String arguments = """
                {"service":"ledger","version":"9.0.0","environment":"staging","idempotency_key":"%s"}""".formatted(key);

        CompletableFuture<JsonNode> onFirst = CompletableFuture.supplyAsync(() -> deploy(first, arguments));
        CompletableFuture<JsonNode> onSecond = CompletableFuture.supplyAsync(() -> deploy(second, arguments));
        String firstId = onFirst.join().get("operation_id").asString();
        String secondId = onSecond.join().get("operation_id").asString();
        String laterId = deploy(second, arguments).get("operation_id").asString();

        assertThat(secondId).isEqualTo(firstId);
        assertThat(laterId).isEqualTo(firstId);
    }

    @Test
    void anotherKeyOrNoKeyStartsAnotherOperation() {
        String arguments = """
                {"service":"ledger","version":"9.0.1","environment":"staging","idempotency_key":"%s"}""";
        String one = deploy(first, arguments.formatted("a-" + UUID.randomUUID())).get("operation_id").asString();
        String two = deploy(first, arguments.formatted("b-" + UUID.randomUUID())).get("operation_id").asString();
        String noKey = deploy(first, """
                {"service":"ledger","version":"9.0.1","environment":"staging"}""").get("operation_id").asString();

        assertThat(List.of(one, two, noKey)).doesNotHaveDuplicates();
    }

    @Test
    void pollOnTheOtherInstanceRightAfterAcceptanceFindsTheOperation() {
        for (int i = 0; i < 5; i++) {
            String id = deploy(first, """
                    {"service":"ryw","version":"1.0.%d","environment":"development"}""".formatted(i))
                    .get("operation_id").asString();

            HttpResponse<String> poll = Http.get(ApiTestContexts.baseUrl(second) + "/api/v1/operations/" + id);

            assertThat(poll.statusCode()).isEqualTo(200);
            assertThat(poll.body()).contains(id);
        }
    }

    @Test
    void longPollAnswersWhenTheStatusChanges() throws Exception {
        String id = deploy(first, """
                {"service":"waiting","version":"1.0.0","environment":"staging"}""").get("operation_id").asString();
        Operation queued = operationOf(first, id);

        int listening = waitingSubscribers(second);
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() ->
                Http.get(ApiTestContexts.baseUrl(second) + "/api/v1/operations/" + id + "?wait=25s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingSubscribers(second) > listening);
        publishStatus(queued.running(1, new Progress(10, "validate", "validating"), Instant.now()));

        HttpResponse<String> answered = waiting.get();
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("\"status\":\"running\"");
    }

    @Test
    void malformedWaitIsAProblem() {
        HttpResponse<String> response = Http.get(ApiTestContexts.baseUrl(first) + "/api/v1/operations/x?wait=soon");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("wait");
    }

    @Test
    void aQueryParameterThatIsNotUtf8IsAProblem() {
        HttpResponse<String> response = Http.get(ApiTestContexts.baseUrl(first) + "/api/v1/operations?page_token=%ff");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("invalid-argument");
    }

    @Test
    void cancellingAQueuedOperationEndsItCancelledAtOnceAndTellsTheWorkers() {
        String id = deploy(first, """
                {"service":"cancel-me","version":"1.0.0","environment":"staging"}""").get("operation_id").asString();

        HttpResponse<String> cancelled = Http.postJson(
                ApiTestContexts.baseUrl(second) + "/api/v1/operations/" + id + ":cancel", "");

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("\"status\":\"cancelled\"");
        assertThat(TopicProbe.readAll(Topics.CONTROL)).anySatisfy(record ->
                assertThat(ContractJson.read(record.value(), CancelRequest.class).operationId()).isEqualTo(id));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Http.get(ApiTestContexts.baseUrl(first) + "/api/v1/operations/" + id).body())
                .contains("\"status\":\"cancelled\""));
    }

    /**
     * A cancel that lands after the worker's terminal snapshot, with this instance's view behind
     * (paused through the view's reader, its own seam). The answer and the view keep the first terminal
     * snapshot in topic order, as a view rebuilt from the topic would; before the fix the view applied its own
     * "cancelled" at once and kept it, while the topic said "succeeded" first.
     */
    @Test
    void aCancelLandingAfterTheWorkersTerminalSnapshotKeepsThatTerminalSnapshot() throws Exception {
        String id = deploy(first, """
                {"service":"cancel-late","version":"1.0.0","environment":"staging"}""").get("operation_id").asString();
        Operation queued = operationOf(first, id);
        var view = second.getBean(dev.lightdevops.api.operations.OperationView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> view.find(id).isPresent());
        var container = second.getBean(dev.lightdevops.common.kafka.CompactedTopicReader.class);
        container.pause();
        await().atMost(Duration.ofSeconds(10)).until(container::isPaused);
        publishStatus(queued.running(1, new Progress(0, "starting", ""), Instant.now())
                .succeeded(Map.of("version", "1.0.0"), Instant.now()));

        CompletableFuture<HttpResponse<String>> cancel = CompletableFuture.supplyAsync(() -> Http.postJson(
                ApiTestContexts.baseUrl(second) + "/api/v1/operations/" + id + ":cancel", ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> statusesOnTheTopic(id).contains("cancelled"));
        container.resume();

        HttpResponse<String> answer = cancel.get();
        assertThat(statusesOnTheTopic(id)).containsExactly("queued", "succeeded", "cancelled");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"succeeded\"");
        assertThat(view.find(id).orElseThrow().status())
                .isEqualTo(dev.lightdevops.common.operation.OperationStatus.SUCCEEDED);
    }

    private static List<String> statusesOnTheTopic(String id) {
        return TopicProbe.readAll(Topics.STATUS).stream()
                .filter(record -> id.equals(record.key()) && record.value() != null)
                .map(record -> ContractJson.read(record.value(), Operation.class).status().wireName()).toList();
    }

    @Test
    void cancelOfAnUnknownOperationIsA404() {
        HttpResponse<String> response = Http.postJson(
                ApiTestContexts.baseUrl(first) + "/api/v1/operations/" + UUID.randomUUID() + ":cancel", "");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void acceptedAndRefusedCallsAreAudited() {
        String id = deploy(first, """
                {"service":"audited","version":"2.0.0","environment":"staging","reason":"token Bearer abcdefghijklmnopqrstuvwxyz"}""")
                .get("operation_id").asString();
        callTool(first, "deploy_service", """
                {"service":"audited","version":"2.0.0","environment":"production"}""");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<AuditEvent> events = TopicProbe.readAll(Topics.AUDIT).stream()
                    .map(record -> ContractJson.read(record.value(), AuditEvent.class))
                    .filter(event -> event.target() != null
                            && List.of("audited@staging", "audited@production").contains(event.target()))
                    .toList();
            assertThat(events).anySatisfy(event -> {
                assertThat(event.action()).isEqualTo("accepted");
                assertThat(event.operationId()).isEqualTo(id);
                assertThat(event.principal()).isEqualTo("anonymous");
                assertThat(event.tool()).isEqualTo("deploy_service");
                assertThat(event.clientAddress()).isNotBlank();
                assertThat(String.valueOf(event.arguments().get("reason"))).doesNotContain("abcdefghijklmnopqrstuvwxyz");
            });
            assertThat(events).anySatisfy(event -> {
                assertThat(event.action()).isEqualTo("refused");
                assertThat(event.outcome()).isEqualTo("permission_denied");
            });
        });
    }

    @Test
    void getOperationToolWaitsForAStatusChange() throws Exception {
        String id = deploy(first, """
                {"service":"tool-wait","version":"1.0.0","environment":"staging"}""").get("operation_id").asString();
        Operation queued = operationOf(first, id);

        int listening = waitingSubscribers(second);
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> callTool(second, "get_operation",
                "{\"id\":\"" + id + "\",\"wait_seconds\":25}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingSubscribers(second) > listening);
        publishStatus(queued.running(1, new Progress(10, "validate", "validating"), Instant.now()));

        JsonNode result = waiting.get().get("result");
        assertThat(result.get("structuredContent").get("operation").get("status").asString()).isEqualTo("running");
    }

    @Test
    void cancelOperationToolCancelsAQueuedOperation() {
        String id = deploy(first, """
                {"service":"tool-cancel","version":"1.0.0","environment":"staging"}""").get("operation_id").asString();

        JsonNode result = callTool(second, "cancel_operation", "{\"id\":\"" + id + "\"}").get("result");

        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.get("structuredContent").get("operation").get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void listShowsTheTenantsOperationsNewestFirstInStablePages() {
        String service = "listed-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> accepted = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(deploy(first, """
                    {"service":"%s","version":"1.%d","environment":"staging"}""".formatted(service, i))
                    .get("operation_id").asString());
        }
        String base = ApiTestContexts.baseUrl(first) + "/api/v1/operations?service=" + service + "&page_size=2";

        JsonNode page1 = ContractJson.mapper().readTree(Http.get(base).body());
        JsonNode page2 = ContractJson.mapper().readTree(
                Http.get(base + "&page_token=" + page1.get("next_page_token").asString()).body());
        JsonNode page3 = ContractJson.mapper().readTree(
                Http.get(base + "&page_token=" + page2.get("next_page_token").asString()).body());

        List<String> listed = new java.util.ArrayList<>();
        for (JsonNode page : List.of(page1, page2, page3)) {
            page.get("operations").forEach(operation -> listed.add(operation.get("id").asString()));
        }
        java.util.Collections.reverse(accepted);
        assertThat(listed).containsExactlyElementsOf(accepted);
        assertThat(page3.get("next_page_token").isNull()).isTrue();
    }

    @Test
    void listFiltersByStatus() {
        String service = "filtered-" + UUID.randomUUID().toString().substring(0, 8);
        String kept = deploy(first, """
                {"service":"%s","version":"1.0","environment":"staging"}""".formatted(service))
                .get("operation_id").asString();
        String cancelled = deploy(first, """
                {"service":"%s","version":"1.1","environment":"staging"}""".formatted(service))
                .get("operation_id").asString();
        Http.postJson(ApiTestContexts.baseUrl(first) + "/api/v1/operations/" + cancelled + ":cancel", "");

        String body = Http.get(ApiTestContexts.baseUrl(first) + "/api/v1/operations?status=queued&service="
                + service).body();

        assertThat(body).contains(kept).doesNotContain(cancelled);
    }

    @Test
    void listWithAnUnknownStatusOrAForgedTokenIsAProblem() {
        HttpResponse<String> status = Http.get(ApiTestContexts.baseUrl(first) + "/api/v1/operations?status=done");
        HttpResponse<String> token = Http.get(ApiTestContexts.baseUrl(first) + "/api/v1/operations?page_token=zz");

        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).contains("status");
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(token.body()).contains("page_token");
    }

    @Test
    void listOperationsToolPagesLikeTheRestRoute() {
        String service = "tool-list-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            deploy(first, """
                    {"service":"%s","version":"1.%d","environment":"staging"}""".formatted(service, i));
        }

        JsonNode page = callTool(second, "list_operations", """
                {"service":"%s","page_size":2}""".formatted(service)).get("result").get("structuredContent");

        assertThat(page.get("operations")).hasSize(2);
        assertThat(page.get("next_page_token").asString()).isNotBlank();
    }

    @Test
    void eventsStreamEverySnapshotAndEndAtTheTerminalOne() throws Exception {
        String id = deploy(first, """
                {"service":"streamed","version":"1.0.0","environment":"staging"}""").get("operation_id").asString();
        Operation queued = operationOf(first, id);
        int listening = waitingSubscribers(second);

        CompletableFuture<HttpResponse<String>> stream = CompletableFuture.supplyAsync(() -> Http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(ApiTestContexts.baseUrl(second)
                        + "/api/v1/operations/" + id + "/events")).header("Accept", "text/event-stream").GET()));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingSubscribers(second) > listening);
        Operation running = queued.running(1, new Progress(40, "roll_out", "rolling out"), Instant.now());
        publishStatus(running);
        publishStatus(running.succeeded(Map.of("version", "1.0.0"), Instant.now()));

        HttpResponse<String> events = stream.get();
        assertThat(events.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> statuses = events.body().lines().filter(line -> line.startsWith("data:"))
                .map(line -> ContractJson.mapper().readTree(line.substring(5)).get("status").asString()).toList();
        assertThat(statuses).containsExactly("queued", "running", "succeeded");
    }

    @Test
    void eventsOfAnUnknownOperationAreA404() {
        HttpResponse<String> response = Http.get(ApiTestContexts.baseUrl(first) + "/api/v1/operations/"
                + UUID.randomUUID() + "/events");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void aCallerTimeoutShortensTheDeadlineButNeverLengthensIt() {
        JsonNode shortened = deploy(first, """
                {"service":"timed","version":"1.0.0","environment":"staging","timeout_seconds":60}""")
                .get("operation");
        JsonNode capped = deploy(first, """
                {"service":"timed","version":"1.0.1","environment":"staging","timeout_seconds":86400}""")
                .get("operation");

        assertThat(deadlineAfterCreation(shortened)).isEqualTo(Duration.ofSeconds(60));
        assertThat(deadlineAfterCreation(capped)).isEqualTo(Duration.ofMinutes(30));
    }

    private static Duration deadlineAfterCreation(JsonNode operation) {
        return Duration.between(Instant.parse(operation.get("created_at").asString()),
                Instant.parse(operation.get("deadline").asString()));
    }

    private static int waitingSubscribers(ConfigurableApplicationContext api) {
        return api.getBean(dev.lightdevops.api.operations.OperationView.class).subscriberCount();
    }

    private static Operation operationOf(ConfigurableApplicationContext api, String id) {
        return TopicProbe.readAll(Topics.COMMANDS).stream()
                .map(record -> ContractJson.read(record.value(), Command.class).operation())
                .filter(operation -> operation.id().equals(id))
                .findFirst().orElseThrow();
    }

    static JsonNode deploy(ConfigurableApplicationContext api, String arguments) {
        JsonNode result = callTool(api, "deploy_service", arguments).get("result");
        assertThat(result.get("isError").asBoolean()).as(result.toString()).isFalse();
        return result.get("structuredContent");
    }

    static JsonNode callTool(ConfigurableApplicationContext api, String tool, String arguments) {
        HttpResponse<String> response = Http.postJson(ApiTestContexts.baseUrl(api) + "/mcp", """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"%s","arguments":%s}}"""
                .formatted(tool, arguments));
        assertThat(response.statusCode()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body());
    }

    static void publishStatus(Operation snapshot) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.STATUS, snapshot.id(), ContractJson.write(snapshot))).get();
        }
    }
}
