package dev.lightdevops.common.operation;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Lifecycle of an operation: (awaiting_approval, when its environment's policy asks for one, then) queued, then
 * running, then exactly one terminal status that is never left. An operation that needs approval and gets none ends
 * {@code rejected} or {@code expired} without ever being queued. The rank orders the statuses so a view can refuse to
 * move an operation backwards.
 */
public enum OperationStatus {
    AWAITING_APPROVAL("awaiting_approval", 0, false),
    QUEUED("queued", 1, false),
    RUNNING("running", 2, false),
    SUCCEEDED("succeeded", 3, true),
    FAILED("failed", 3, true),
    CANCELLED("cancelled", 3, true),
    TIMED_OUT("timed_out", 3, true),
    REJECTED("rejected", 3, true),
    EXPIRED("expired", 3, true);

    private final String wireName;
    private final int rank;
    private final boolean terminal;

    OperationStatus(String wireName, int rank, boolean terminal) {
        this.wireName = wireName;
        this.rank = rank;
        this.terminal = terminal;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public int rank() {
        return rank;
    }

    public boolean isTerminal() {
        return terminal;
    }

    public static OperationStatus fromWireName(String name) {
        for (OperationStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown operation status: " + name);
    }

    /** Every wire name, in lifecycle order (schemas, filters). */
    public static java.util.List<String> wireNames() {
        return java.util.Arrays.stream(values()).map(OperationStatus::wireName).toList();
    }
}
