package dev.lightdevops.bench.status;

import java.time.Instant;

/**
 * The fields of one {@code ops.status} record the harness needs.
 *
 * @param id operation id
 * @param status wire status (queued, running, succeeded, ...)
 * @param attempt attempt number
 * @param target {@code service@environment}, or null
 * @param at when the snapshot was made ({@code updated_at}, else the record timestamp)
 * @param createdAt when the api accepted the operation
 * @param errorCode the error code of a failed snapshot, or null
 * @param started whether a worker had started the operation ({@code started_at} set)
 * @param idempotencyKey the caller's idempotency key, or null
 */
public record Snapshot(String id, String status, int attempt, String target, Instant at, Instant createdAt,
        String errorCode, boolean started, String idempotencyKey) {

    /** The error code of the api's withdrawal of an acceptance Kafka did not confirm. */
    public static final String NOT_ACCEPTED = "not_accepted";

    /** Test and report shorthand: a snapshot without the fields only some drills read. */
    public Snapshot(String id, String status, int attempt, String target, Instant at, Instant createdAt,
            String errorCode) {
        this(id, status, attempt, target, at, createdAt, errorCode, "running".equals(status), null);
    }

    /**
     * The api's withdrawal of an acceptance ({@code failed}/{@code not_accepted}, never started). It ends the
     * operation only if no worker's start precedes it in the topic; after a start every view ignores it (the merge
     * rule of the contract), and so does the harness.
     */
    public boolean withdrawal() {
        return "failed".equals(status) && NOT_ACCEPTED.equals(errorCode) && !started;
    }

    public boolean terminal() {
        return switch (status) {
            case "succeeded", "failed", "cancelled", "timed_out" -> true;
            default -> false;
        };
    }
}
