package dev.lightdevops.api.telemetry;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.telemetry.MetricsQuery;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code get_metrics}: a cached result of the same query if fresh, else a {@code fetch_metrics} operation. */
@Component
class GetMetricsTool implements ToolHandler {

    private final TelemetryFetches fetches;

    GetMetricsTool(TelemetryFetches fetches) {
        this.fetches = fetches;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.GET_METRICS).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        MetricsQuery query = MetricsQuery.from(arguments);
        return fetches.answer(ToolCatalogue.GET_METRICS, OperationType.FETCH_METRICS, query.key(),
                query.asRecorded(), "Metrics " + String.join(", ", query.metrics()) + " since "
                        + query.range().since(), caller);
    }
}
