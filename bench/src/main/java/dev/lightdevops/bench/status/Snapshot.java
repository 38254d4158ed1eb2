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
 */
public record Snapshot(String id, String status, int attempt, String target, Instant at, Instant createdAt,
        String errorCode) {

    public boolean terminal() {
        return switch (status) {
            case "succeeded", "failed", "cancelled", "timed_out" -> true;
            default -> false;
        };
    }
}
