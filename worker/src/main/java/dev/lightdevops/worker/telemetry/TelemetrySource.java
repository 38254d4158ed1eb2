package dev.lightdevops.worker.telemetry;

import dev.lightdevops.common.telemetry.LogQuery;
import dev.lightdevops.common.telemetry.MetricsQuery;
import java.time.Instant;
import java.util.Map;

/**
 * Where logs and metrics come from: Datadog, or the simulated source when no keys are configured. Results are plain
 * maps (the operation's result) that always say which source answered and whether it is simulated.
 */
public interface TelemetrySource {

    String name();

    Map<String, Object> logs(LogQuery query, Instant now) throws InterruptedException;

    Map<String, Object> metrics(MetricsQuery query, Instant now) throws InterruptedException;
}
