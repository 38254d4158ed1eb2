package dev.lightdevops.api.telemetry;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.operations.OperationAcceptance;
import dev.lightdevops.api.operations.ProposedOperation;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What get_logs and get_metrics share: a fresh cached result of the same normalized query answers at once, with its
 * age and the operation that produced it; otherwise a fetch operation is accepted through the operations pipeline
 * (command key = the query key, so equal queries run in order) and the caller gets its placeholder.
 */
@Component
class TelemetryFetches {

    private final FetchResultCache cache;
    private final OperationAcceptance acceptance;
    private final TelemetryCacheProperties settings;
    private final ApiProperties api;
    private final Clock clock;

    TelemetryFetches(FetchResultCache cache, OperationAcceptance acceptance, TelemetryCacheProperties settings,
            ApiProperties api, Clock clock) {
        this.cache = cache;
        this.acceptance = acceptance;
        this.settings = settings;
        this.api = api;
        this.clock = clock;
    }

    ToolResult answer(String tool, OperationType type, String queryKey,
            Map<String, Object> recorded, String summary, Caller caller) {
        Optional<Operation> cached = cache.freshest(caller.tenant(), queryKey)
                .filter(operation -> age(operation).compareTo(settings.cacheTtl()) <= 0);
        if (cached.isPresent()) {
            return fromCache(cached.get());
        }
        return ToolResult.accepted(acceptance.accept(new ProposedOperation(tool, type, null, queryKey,
                recorded, summary, null, null), caller), api.pollInterval());
    }

    private ToolResult fromCache(Operation operation) {
        Duration age = age(operation);
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("operation_id", operation.id());
        structured.put("status", operation.status().wireName());
        structured.put("cached", true);
        structured.put("age_seconds", age.toSeconds());
        structured.put("result", operation.result());
        structured.put("operation", operation);
        Object source = operation.result() == null ? null : operation.result().get("source");
        String text = "Result of operation " + operation.id() + " from " + source + ", " + age.toSeconds()
                + " s old (cached; the same query within " + settings.cacheTtl().toSeconds()
                + " s answers from it)." + (Boolean.TRUE.equals(operation.result().get("simulated"))
                ? " This is SIMULATED data, not from a real system." : "");
        return new ToolResult(text, structured, false);
    }

    private Duration age(Operation operation) {
        Duration age = Duration.between(operation.finishedAt(), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
