package dev.lightdevops.api.telemetry;

import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.telemetry.LogQuery;
import dev.lightdevops.common.telemetry.MetricsQuery;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The freshest succeeded fetch per tenant and normalized query, derived from the operation view (so every api
 * instance has the same cache, rebuilt from {@code ops.status} at start, with nothing stored elsewhere).
 */
@Component
class FetchResultCache {

    private final Map<String, Operation> freshest = new ConcurrentHashMap<>();

    FetchResultCache(OperationView view) {
        view.subscribe(this::consider);
        view.all().forEach(this::consider);
    }

    Optional<Operation> freshest(String tenant, String queryKey) {
        return Optional.ofNullable(freshest.get(tenant + "|" + queryKey));
    }

    private void consider(Operation operation) {
        if (operation.status() != OperationStatus.SUCCEEDED || operation.finishedAt() == null) {
            return;
        }
        queryKey(operation).ifPresent(key -> freshest.merge(operation.tenant() + "|" + key, operation,
                (known, candidate) -> candidate.finishedAt().isAfter(known.finishedAt()) ? candidate : known));
    }

    static Optional<String> queryKey(Operation operation) {
        try {
            if (operation.type() == OperationType.FETCH_LOGS) {
                return Optional.of(LogQuery.from(operation.request()).key());
            }
            if (operation.type() == OperationType.FETCH_METRICS) {
                return Optional.of(MetricsQuery.from(operation.request()).key());
            }
        } catch (RuntimeException unreadable) {
            // A request recorded by another version: not cacheable here.
        }
        return Optional.empty();
    }
}
