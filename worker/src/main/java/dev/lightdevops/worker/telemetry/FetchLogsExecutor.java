package dev.lightdevops.worker.telemetry;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.telemetry.LogQuery;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.worker.execution.OperationExecutor;
import dev.lightdevops.worker.execution.OperationFailedException;
import dev.lightdevops.worker.execution.ProgressListener;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Executes {@code fetch_logs}: rebuilds the normalized query from the operation and asks the telemetry source. */
@Component
class FetchLogsExecutor implements OperationExecutor {

    private final TelemetrySource source;
    private final Clock clock;

    FetchLogsExecutor(TelemetrySource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public OperationType type() {
        return OperationType.FETCH_LOGS;
    }

    @Override
    public Map<String, Object> execute(Operation operation, ProgressListener progress) throws InterruptedException {
        LogQuery query;
        try {
            query = LogQuery.from(operation.request());
        } catch (InvalidArgumentsException unreadable) {
            // The api validated it; only a request recorded by an incompatible version can end here.
            throw new OperationFailedException("invalid_argument", unreadable.getMessage(), false);
        }
        progress.report(new Progress(10, "query", "searching " + source.name() + " logs"));
        return source.logs(query, clock.instant());
    }
}
