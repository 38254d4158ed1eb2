package dev.lightdevops.worker.datadog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.lightdevops.common.telemetry.LogQuery;
import dev.lightdevops.common.telemetry.MetricsQuery;
import dev.lightdevops.worker.execution.OperationFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real datadog-api-client against a local stub serving recorded-shape Datadog responses: query mapping, cursor
 * paging, units and points, and the error policy (keys, rate limits, 5xx, timeouts). Waits between retries are
 * recorded, not slept, so the test proves the policy without taking its time.
 */
class DatadogTelemetrySourceTest {

    private static final String LOGS = "/api/v2/logs/events/search";
    private static final String METRICS = "/api/v1/query";
    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");
    private static WireMockServer datadog;

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startStub() {
        datadog = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        datadog.start();
    }

    @AfterAll
    static void stopStub() {
        datadog.stop();
    }

    @BeforeEach
    void reset() {
        datadog.resetAll();
    }

    @Test
    void logSearchMapsTheQueryAndFollowsTheCursorUntilTheLimit() throws Exception {
        stubLogsPage(null, "logs-page-1.json");
        stubLogsPage("cursor-2", "logs-page-2.json");
        stubLogsPage("cursor-3", "logs-page-3.json");

        Map<String, Object> result = source(2).logs(LogQuery.from(Map.of("service", "checkout", "level", "WARNING",
                "query", "  timeout  ", "since", "2026-11-25T12:00:00Z", "until", "2026-11-25T13:00:00Z",
                "limit", 5)), NOW);

        datadog.verify(3, postRequestedFor(urlPathEqualTo(LOGS))
                .withHeader("DD-API-KEY", equalTo("test-api-key"))
                .withHeader("DD-APPLICATION-KEY", equalTo("test-app-key"))
                .withRequestBody(matchingJsonPath("$.filter.query",
                        equalTo("service:checkout status:(warn OR warning) \"timeout\"")))
                .withRequestBody(matchingJsonPath("$.filter.from", equalTo("2026-11-25T12:00:00Z")))
                .withRequestBody(matchingJsonPath("$.filter.to", equalTo("2026-11-25T13:00:00Z")))
                .withRequestBody(matchingJsonPath("$.sort", equalTo("-timestamp"))));
        datadog.verify(postRequestedFor(urlPathEqualTo(LOGS))
                .withRequestBody(matchingJsonPath("$.page.cursor", equalTo("cursor-3")))
                .withRequestBody(matchingJsonPath("$.page.limit", equalTo("1"))));
        assertThat(result).containsEntry("source", "datadog").containsEntry("simulated", false)
                .containsEntry("count", 5).containsEntry("pages", 3).containsEntry("more_available", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> logs = (List<Map<String, Object>>) result.get("logs");
        assertThat(logs).extracting(log -> log.get("level")).containsOnly("warn");
        assertThat(logs).extracting(log -> log.get("status")).contains("warning", "warn");
        assertThat(logs.get(0)).containsEntry("timestamp", "2026-11-25T12:59:58.123Z")
                .containsEntry("message", "upstream payments timeout after 3000 ms")
                .containsEntry("host", "i-0a1b2c3d");
        assertThat(logs.get(0).get("attributes")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("request_id", "7f3a9c");
        assertThat(logs.get(3)).containsEntry("message", "timeout reading cart");
        assertThat(logs.get(4)).containsEntry("message", "last timeout of the window");
    }

    @Test
    void pagingStopsAtTheLimitAndSaysMoreIsAvailable() throws Exception {
        stubLogsPage(null, "logs-page-1.json");
        stubLogsPage("cursor-2", "logs-page-2.json");

        Map<String, Object> result = source(2).logs(LogQuery.from(Map.of("limit", 3)), NOW);

        datadog.verify(2, postRequestedFor(urlPathEqualTo(LOGS)));
        datadog.verify(postRequestedFor(urlPathEqualTo(LOGS))
                .withRequestBody(matchingJsonPath("$.page.limit", equalTo("1"))));
        assertThat(result).containsEntry("count", 3).containsEntry("more_available", true);
    }

    @Test
    void debugStaysDebug() throws Exception {
        stubLogsPage(null, "logs-page-3.json");

        source(100).logs(LogQuery.from(Map.of("level", "debug")), NOW);

        datadog.verify(postRequestedFor(urlPathEqualTo(LOGS))
                .withRequestBody(matchingJsonPath("$.filter.query", equalTo("status:(debug OR trace)"))));
    }

    @Test
    void metricsQueryAsksForTheRollupAndReturnsSeriesWithPointsAndUnits() throws Exception {
        datadog.stubFor(get(urlPathEqualTo(METRICS)).willReturn(okJson("metrics-cpu.json")));

        Map<String, Object> result = source(100).metrics(MetricsQuery.from(Map.of("service", "checkout",
                "metrics", List.of("system.cpu.user"), "since", "1h", "step_seconds", 60)), NOW);

        datadog.verify(getRequestedFor(urlPathEqualTo(METRICS))
                .withQueryParam("query", equalTo("avg:system.cpu.user{service:checkout}.rollup(avg, 60)"))
                .withQueryParam("from", equalTo(String.valueOf(NOW.minusSeconds(3600).getEpochSecond())))
                .withQueryParam("to", equalTo(String.valueOf(NOW.getEpochSecond()))));
        @SuppressWarnings("unchecked")
        Map<String, Object> series = ((List<Map<String, Object>>) result.get("series")).get(0);
        assertThat(series).containsEntry("metric", "system.cpu.user").containsEntry("scope", "service:checkout")
                .containsEntry("interval_seconds", 60L);
        assertThat(series.get("points")).isEqualTo(List.of(List.of(1764071400000L, 31.5),
                List.of(1764071460000L, 33.25), java.util.Arrays.asList(1764071520000L, null)));
        assertThat(series.get("unit")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "percent").containsEntry("short_name", "%");
    }

    @Test
    void refusedKeysFailForGoodWithAHintAndAreNotRetried() {
        datadog.stubFor(post(urlPathEqualTo(LOGS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"Forbidden\"]}")));

        assertThatThrownBy(() -> source(100).logs(LogQuery.from(Map.of()), NOW))
                .isInstanceOfSatisfying(OperationFailedException.class, failure -> {
                    assertThat(failure.code()).isEqualTo("datadog_unauthorized");
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).contains("DD_API_KEY", "DD_APP_KEY")
                            .doesNotContain("test-api-key", "test-app-key");
                });
        datadog.verify(1, postRequestedFor(urlPathEqualTo(LOGS)));
        assertThat(waits).isEmpty();
    }

    @Test
    void rateLimitWaitsForTheAnnouncedResetThenSucceeds() throws Exception {
        datadog.stubFor(post(urlPathEqualTo(LOGS)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Limit", "300")
                        .withHeader("X-RateLimit-Period", "60").withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", "7").withBody("{\"errors\":[\"Too many requests\"]}"))
                .willSetStateTo("reset"));
        datadog.stubFor(post(urlPathEqualTo(LOGS)).inScenario("limited").whenScenarioStateIs("reset")
                .willReturn(okJson("logs-page-3.json")));

        Map<String, Object> result = source(100).logs(LogQuery.from(Map.of("service", "checkout")), NOW);

        assertThat(result).containsEntry("count", 1);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void rateLimitResettingTooLateFailsAtOnceAsRetryable() {
        datadog.stubFor(post(urlPathEqualTo(LOGS)).willReturn(aResponse().withStatus(429)
                .withHeader("X-RateLimit-Reset", "3600")));

        assertThatThrownBy(() -> source(100).logs(LogQuery.from(Map.of()), NOW))
                .isInstanceOfSatisfying(OperationFailedException.class, failure -> {
                    assertThat(failure.code()).isEqualTo("datadog_rate_limited");
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).contains("3600 s");
                });
        datadog.verify(1, postRequestedFor(urlPathEqualTo(LOGS)));
        assertThat(waits).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoff() throws Exception {
        datadog.stubFor(get(urlPathEqualTo(METRICS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        datadog.stubFor(get(urlPathEqualTo(METRICS)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("healthy"));
        datadog.stubFor(get(urlPathEqualTo(METRICS)).inScenario("flaky").whenScenarioStateIs("healthy")
                .willReturn(okJson("metrics-cpu.json")));

        Map<String, Object> result = source(100).metrics(MetricsQuery.from(Map.of("metrics",
                List.of("system.cpu.user"))), NOW);

        assertThat((List<?>) result.get("series")).hasSize(1);
        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void persistentServerErrorsEndRetryableAfterTheLastAttempt() {
        datadog.stubFor(post(urlPathEqualTo(LOGS)).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> source(100).logs(LogQuery.from(Map.of()), NOW))
                .isInstanceOfSatisfying(OperationFailedException.class, failure -> {
                    assertThat(failure.code()).isEqualTo("datadog_unavailable");
                    assertThat(failure.retryable()).isTrue();
                });
        datadog.verify(3, postRequestedFor(urlPathEqualTo(LOGS)));
        assertThat(waits).hasSize(2);
    }

    @Test
    void timeoutsAreRetriedAndEndRetryable() {
        datadog.stubFor(post(urlPathEqualTo(LOGS)).willReturn(okJson("logs-page-3.json").withFixedDelay(2_000)));
        DatadogTelemetrySource impatient = new DatadogTelemetrySource(properties(100, Duration.ofMillis(300)),
                waits::add);

        assertThatThrownBy(() -> impatient.logs(LogQuery.from(Map.of()), NOW))
                .isInstanceOfSatisfying(OperationFailedException.class, failure -> {
                    assertThat(failure.code()).isEqualTo("datadog_unavailable");
                    assertThat(failure.retryable()).isTrue();
                });
        assertThat(waits).hasSize(2);
    }

    @Test
    void badQueryIsNotRetried() {
        datadog.stubFor(post(urlPathEqualTo(LOGS)).willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\":[\"invalid query\"]}")));

        assertThatThrownBy(() -> source(100).logs(LogQuery.from(Map.of()), NOW))
                .isInstanceOfSatisfying(OperationFailedException.class, failure -> {
                    assertThat(failure.code()).isEqualTo("datadog_bad_request");
                    assertThat(failure.getMessage()).contains("invalid query");
                });
        datadog.verify(1, postRequestedFor(urlPathEqualTo(LOGS)));
    }

    @Test
    void siteNamesSelectTheirHost() {
        assertThat(properties(100).siteHost()).isEqualTo("datadoghq.com");
        DatadogProperties eu = new DatadogProperties("k", "a", "EU", null, 4, Duration.ofMillis(10),
                Duration.ofSeconds(1), Duration.ofSeconds(60), 100, Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(eu.siteHost()).isEqualTo("datadoghq.eu");
        assertThat(eu.toString()).doesNotContain("k,").contains("***");
    }

    private DatadogTelemetrySource source(int pageSize) {
        return new DatadogTelemetrySource(properties(pageSize), waits::add);
    }

    /** A read timeout far above WireMock's answer time even on a loaded machine; only the timeout test cuts it. */
    private static DatadogProperties properties(int pageSize) {
        return properties(pageSize, Duration.ofSeconds(10));
    }

    private static DatadogProperties properties(int pageSize, Duration readTimeout) {
        return new DatadogProperties("test-api-key", "test-app-key", "US1", URI.create(datadog.baseUrl()), 3,
                Duration.ofMillis(10), Duration.ofMillis(15_000), Duration.ofSeconds(60), pageSize,
                Duration.ofSeconds(2), readTimeout);
    }

    private static void stubLogsPage(String cursor, String file) {
        var request = post(urlPathEqualTo(LOGS));
        request = cursor == null
                ? request.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("cursor"))
                : request.withRequestBody(matchingJsonPath("$.page.cursor", equalTo(cursor)));
        datadog.stubFor(request.willReturn(okJson(file)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String file) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(read(file));
    }

    private static String read(String file) {
        try (InputStream in = DatadogTelemetrySourceTest.class.getResourceAsStream("/datadog/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
