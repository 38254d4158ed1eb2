package dev.lightdevops.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The dashboard's SSE feed: the caller's tenant's operations as they change, nobody else's. */
class DashboardFeedTest {

    private static ConfigurableApplicationContext api;

    @BeforeAll
    static void startApi() {
        api = ApiTestContexts.start("--devops.dashboard.heartbeat=200ms");
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void feedStreamsTheTenantsOperationsAndNoOtherTenants() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> feed = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(ApiTestContexts.baseUrl(api) + "/dashboard/feed"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(feed.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> feed.body().forEach(lines::add), "feed-reader");
        reader.setDaemon(true);
        reader.start();

        Operation foreign = foreignOperation();
        api.getBean(OperationView.class).apply(foreign);
        String id = ContractJson.mapper().readTree(Http.postJson(ApiTestContexts.baseUrl(api)
                + "/api/v1/tools/deploy_service", """
                {"service":"watched","version":"2.0.0","environment":"staging"}""").body())
                .get("operation_id").asString();

        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream()
                .anyMatch(line -> line.startsWith("data:") && line.contains("\"id\":\"" + id + "\"")));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(line -> line.startsWith(":")));
        assertThat(lines).contains("event:operation").noneMatch(line -> line.contains(foreign.id()));
        feed.body().close();
    }

    private static Operation foreignOperation() {
        Instant now = Instant.now();
        return Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target("secret", "staging"),
                Map.of("service", "secret", "version", "9.9.9", "environment", "staging"), Map.of("placeholder", true),
                "mallory", "another-tenant", null, now, now.plusSeconds(60), null);
    }
}
