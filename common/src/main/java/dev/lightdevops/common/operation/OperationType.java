package dev.lightdevops.common.operation;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of work an operation can carry. */
public enum OperationType {
    DEPLOY("deploy"),
    ROLLBACK("rollback"),
    FETCH_LOGS("fetch_logs"),
    FETCH_METRICS("fetch_metrics");

    private final String wireName;

    OperationType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether the operation changes something (a deploy or a rollback) rather than reads (a fetch). */
    public boolean mutating() {
        return this == DEPLOY || this == ROLLBACK;
    }

    public static OperationType fromWireName(String name) {
        for (OperationType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown operation type: " + name);
    }
}
