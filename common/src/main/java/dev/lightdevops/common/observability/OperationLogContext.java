package dev.lightdevops.common.observability;

import dev.lightdevops.common.operation.Operation;
import org.slf4j.MDC;

/**
 * The MDC keys that tie a log line to an operation and to who asked for it. Structured (JSON) logs carry every MDC
 * entry as a field, so {@code operation_id} and {@code principal} appear in every line written while they are set.
 * Code that runs an operation on a thread of its own opens a context there:
 * {@code try (var context = OperationLogContext.open(operation)) { ... }}.
 */
public final class OperationLogContext implements AutoCloseable {

    public static final String OPERATION_ID = "operation_id";
    public static final String OPERATION_TYPE = "operation_type";
    public static final String PRINCIPAL = "principal";
    public static final String TENANT = "tenant";

    private static final String[] KEYS = {OPERATION_ID, OPERATION_TYPE, PRINCIPAL, TENANT};

    private final String[] previous = new String[KEYS.length];

    private OperationLogContext(Operation operation) {
        for (int i = 0; i < KEYS.length; i++) {
            previous[i] = MDC.get(KEYS[i]);
        }
        put(OPERATION_ID, operation.id());
        put(OPERATION_TYPE, operation.type().wireName());
        put(PRINCIPAL, operation.requestedBy());
        put(TENANT, operation.tenant());
    }

    /** Sets the operation's keys on this thread until {@link #close()}, which restores what was there before. */
    public static OperationLogContext open(Operation operation) {
        return new OperationLogContext(operation);
    }

    @Override
    public void close() {
        for (int i = 0; i < KEYS.length; i++) {
            put(KEYS[i], previous[i]);
        }
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
