package dev.lightdevops.worker.telemetry;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.telemetry.MetricsQuery;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.worker.execution.OperationExecutor;
import dev.lightdevops.worker.execution.OperationFailedException;
import dev.lightdevops.worker.execution.ProgressListener;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Executes {@code fetch_metrics}: rebuilds the normalized query from the operation and asks the telemetry source. */
@Component
class FetchMetricsExecutor implements OperationExecutor {

    private final TelemetrySource source;
    private final Clock clock;

    FetchMetricsExecutor(TelemetrySource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public OperationType type() {
        return OperationType.FETCH_METRICS;
    }

    @Override
    public Map<String, Object> execute(Operation operation, ProgressListener progress) throws InterruptedException {
        MetricsQuery query;
        try {
            query = MetricsQuery.from(operation.request());
        } catch (InvalidArgumentsException unreadable) {
            // The api validated it; only a request recorded by an incompatible version can end here.
            throw new OperationFailedException("invalid_argument", unreadable.getMessage(), false);
        }
        progress.report(new Progress(10, "query", "querying " + source.name() + " metrics"));
        return source.metrics(query, clock.instant());
    }
}
