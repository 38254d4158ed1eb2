package dev.lightdevops.api.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Actuator on its own port: probes with Kafka and the view in readiness, Prometheus with the operation metrics. */
class ManagementEndpointsTest {

    private static ConfigurableApplicationContext api;
    private static String management;

    @BeforeAll
    static void startApi() {
        api = ApiTestContexts.start();
        management = "http://127.0.0.1:" + api.getEnvironment().getProperty("local.management.port");
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void managementIsOnItsOwnPortAndNotOnTheApiPort() {
        assertThat(api.getEnvironment().getProperty("local.management.port"))
                .isNotEqualTo(api.getEnvironment().getProperty("local.server.port"));
        assertThat(Http.get(ApiTestContexts.baseUrl(api) + "/actuator/health").statusCode()).isEqualTo(404);
    }

    @Test
    void readinessIncludesKafkaAndTheCaughtUpOperationView() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> readiness = Http.get(management + "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            JsonNode components = json(readiness).get("components");
            assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
            assertThat(components.get("kafka").get("details").get("brokers").asInt()).isPositive();
            assertThat(components.get("operationView").get("status").asString()).isEqualTo("UP");
        });
        assertThat(json(Http.get(management + "/actuator/health/liveness")).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesAcceptedOperationsAndToolCallLatency() {
        Http.postJson(ApiTestContexts.baseUrl(api) + "/api/v1/tools/deploy_service", """
                {"service":"metered","version":"1.0.0","environment":"staging"}""");
        Http.postJson(ApiTestContexts.baseUrl(api) + "/api/v1/tools/deploy_service", """
                {"service":"metered","environment":"staging"}""");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = Http.get(management + "/actuator/prometheus").body();
            assertThat(scrape).containsPattern("devops_operations_accepted_total\\{[^}]*type=\"deploy\"[^}]*} [1-9]");
            assertThat(scrape).containsPattern(
                    "devops_tool_calls_seconds_count\\{[^}]*outcome=\"ok\"[^}]*tool=\"deploy_service\"[^}]*} [1-9]");
            assertThat(scrape).containsPattern(
                    "devops_tool_calls_seconds_count\\{[^}]*outcome=\"invalid_argument\"[^}]*} [1-9]");
            assertThat(scrape).contains("devops_operations_in_flight");
        });
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ContractJson.mapper().readTree(response.body());
    }
}
