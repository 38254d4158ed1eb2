package dev.lightdevops.api.telemetry;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.telemetry.LogQuery;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code get_logs}: a cached result of the same query if fresh, else a {@code fetch_logs} operation. */
@Component
class GetLogsTool implements ToolHandler {

    private final TelemetryFetches fetches;

    GetLogsTool(TelemetryFetches fetches) {
        this.fetches = fetches;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.GET_LOGS).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        LogQuery query = LogQuery.from(arguments);
        return fetches.answer(ToolCatalogue.GET_LOGS, OperationType.FETCH_LOGS, query.key(),
                query.asRecorded(), "Logs of " + (query.service() == null ? "all services" : query.service())
                        + " since " + query.range().since(), caller);
    }
}
