package dev.lightdevops.common.operation;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Lifecycle of an operation: queued, then running, then exactly one terminal status that is never left.
 * The rank orders the statuses so a view can refuse to move an operation backwards.
 */
public enum OperationStatus {
    QUEUED("queued", 0),
    RUNNING("running", 1),
    SUCCEEDED("succeeded", 2),
    FAILED("failed", 2),
    CANCELLED("cancelled", 2),
    TIMED_OUT("timed_out", 2);

    private final String wireName;
    private final int rank;

    OperationStatus(String wireName, int rank) {
        this.wireName = wireName;
        this.rank = rank;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public int rank() {
        return rank;
    }

    public boolean isTerminal() {
        return rank == 2;
    }

    public static OperationStatus fromWireName(String name) {
        for (OperationStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown operation status: " + name);
    }
}
