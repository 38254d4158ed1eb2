package dev.lightdevops.api.operations;

import dev.lightdevops.common.operation.Operation;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * This api instance's materialized view of {@code ops.status}: the latest snapshot of every retained operation.
 * It only moves an operation forward (see {@link Operation#supersedes}), so a late or replayed snapshot can never
 * undo a newer one.
 */
@Component
public class OperationView {

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();

    /** Applies a snapshot; answers whether it changed the view. */
    public boolean apply(Operation snapshot) {
        Operation[] before = new Operation[1];
        Operation after = operations.compute(snapshot.id(), (id, current) -> {
            before[0] = current;
            return snapshot.supersedes(current) ? snapshot : current;
        });
        return after != before[0];
    }

    /** Drops an operation whose status was tombstoned. */
    public void remove(String id) {
        operations.remove(id);
    }

    public Optional<Operation> find(String id) {
        return Optional.ofNullable(operations.get(id));
    }

    public int size() {
        return operations.size();
    }
}
