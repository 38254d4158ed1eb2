package dev.lightdevops.worker.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.telemetry.LogQuery;
import dev.lightdevops.common.telemetry.MetricsQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated source: deterministic per seed, realistic in shape, and never passing for real data. */
class SimulatedTelemetrySourceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");

    private final SimulatedTelemetrySource source = new SimulatedTelemetrySource(
            new TelemetryProperties("simulated", List.of("checkout", "cart"), 7));

    @Test
    void sameSeedAndQueryGiveTheSameLogsAndADifferentSeedDoesNot() {
        LogQuery query = LogQuery.from(Map.of("since", "1h", "limit", 50));
        SimulatedTelemetrySource otherSeed = new SimulatedTelemetrySource(
                new TelemetryProperties("simulated", List.of("checkout", "cart"), 8));

        assertThat(source.logs(query, NOW)).isEqualTo(source.logs(query, NOW));
        assertThat(otherSeed.logs(query, NOW).get("logs")).isNotEqualTo(source.logs(query, NOW).get("logs"));
    }

    @Test
    void logsAreLabelledSimulatedAndHonourServiceLevelAndLimit() {
        Map<String, Object> result = source.logs(LogQuery.from(Map.of("service", "cart", "level", "WARNING",
                "since", "6h", "limit", 20)), NOW);

        assertThat(result).containsEntry("simulated", true).containsEntry("source", "simulated")
                .containsEntry("count", 20);
        assertThat((String) result.get("notice")).contains("SIMULATED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> logs = (List<Map<String, Object>>) result.get("logs");
        assertThat(logs).allSatisfy(log -> assertThat(log).containsEntry("service", "cart")
                .containsEntry("level", "warn").containsEntry("simulated", true).containsKey("request_id"));
        assertThat(logs).extracting(log -> Instant.parse((String) log.get("timestamp")))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder())
                .allSatisfy(at -> assertThat(at).isBetween(NOW.minusSeconds(6 * 3600), NOW));
    }

    @Test
    void metricsAreSeriesOfPointsAtTheStepWithUnitsAndADailyShape() {
        Map<String, Object> result = source.metrics(MetricsQuery.from(Map.of("service", "checkout",
                "metrics", List.of("trace.http.request.duration", "system.cpu.user"), "since", "24h",
                "step_seconds", 3600)), NOW);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) result.get("series");
        assertThat(series).extracting(one -> one.get("metric"))
                .containsExactly("system.cpu.user", "trace.http.request.duration");
        assertThat(series.get(0).get("unit")).isEqualTo(Map.of("name", "percent", "short_name", "%",
                "family", "percentage"));
        @SuppressWarnings("unchecked")
        List<List<Object>> points = (List<List<Object>>) series.get(0).get("points");
        assertThat(points).hasSize(25);
        double min = points.stream().mapToDouble(point -> ((Number) point.get(1)).doubleValue()).min().orElseThrow();
        double max = points.stream().mapToDouble(point -> ((Number) point.get(1)).doubleValue()).max().orElseThrow();
        assertThat(max / min).as("a day has busy and quiet hours").isGreaterThan(1.5);
    }
}
