package dev.lightdevops.worker.telemetry;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.telemetry.LogQuery;
import dev.lightdevops.common.telemetry.MetricsQuery;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.worker.execution.OperationExecutor;
import dev.lightdevops.worker.execution.OperationFailedException;
import dev.lightdevops.worker.execution.ProgressListener;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Executes a telemetry fetch ({@code fetch_logs}, {@code fetch_metrics}): rebuilds the normalized query from the
 * operation and asks the telemetry source. The two fetches differ only in their query, the source's method and the
 * words of their progress line, so both are this class ({@link #logs}, {@link #metrics}; beans of
 * {@link FetchExecutors}).
 */
final class FetchExecutor<Q> implements OperationExecutor {

    /** The source's method for this fetch's query. */
    @FunctionalInterface
    interface Fetch<Q> {
        Map<String, Object> fetch(TelemetrySource source, Q query, Instant now) throws InterruptedException;
    }

    private final OperationType type;
    private final Function<Map<String, Object>, Q> readQuery;
    private final String activity;
    private final Fetch<Q> fetch;
    private final TelemetrySource source;
    private final Clock clock;

    private FetchExecutor(OperationType type, Function<Map<String, Object>, Q> readQuery, String activity,
            Fetch<Q> fetch, TelemetrySource source, Clock clock) {
        this.type = type;
        this.readQuery = readQuery;
        this.activity = activity;
        this.fetch = fetch;
        this.source = source;
        this.clock = clock;
    }

    static FetchExecutor<LogQuery> logs(TelemetrySource source, Clock clock) {
        return new FetchExecutor<>(OperationType.FETCH_LOGS, LogQuery::from, "searching %s logs",
                TelemetrySource::logs, source, clock);
    }

    static FetchExecutor<MetricsQuery> metrics(TelemetrySource source, Clock clock) {
        return new FetchExecutor<>(OperationType.FETCH_METRICS, MetricsQuery::from, "querying %s metrics",
                TelemetrySource::metrics, source, clock);
    }

    @Override
    public OperationType type() {
        return type;
    }

    @Override
    public Map<String, Object> execute(Operation operation, ProgressListener progress) throws InterruptedException {
        Q query;
        try {
            query = readQuery.apply(operation.request());
        } catch (InvalidArgumentsException unreadable) {
            // The api validated it; only a request recorded by an incompatible version can end here.
            throw new OperationFailedException("invalid_argument", unreadable.getMessage(), false);
        }
        progress.report(new Progress(10, "query", activity.formatted(source.name())));
        return fetch.fetch(source, query, clock.instant());
    }
}
