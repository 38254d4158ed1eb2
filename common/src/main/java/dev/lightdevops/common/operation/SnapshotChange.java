package dev.lightdevops.common.operation;

import java.time.Instant;
import java.util.Map;

/**
 * One transition of an {@link Operation} under way: a copy of the snapshot in which the transition sets only what it
 * changes, everything else carried over. A terminal status is set only with its {@link Outcome}, and a pending one
 * clears any, so the snapshot it makes holds the operation's invariant (exactly one of result and error when
 * terminal, neither before).
 */
final class SnapshotChange {

    private final Operation from;
    private Map<String, Object> request;
    private OperationStatus status;
    private Progress progress;
    private Map<String, Object> result;
    private OperationError error;
    private Map<String, Object> placeholder;
    private int attempt;
    private Instant startedAt;
    private Instant updatedAt;
    private Instant finishedAt;
    private Instant deadline;
    private Approval approval;
    private boolean ends;

    SnapshotChange(Operation from) {
        this.from = from;
        this.request = from.request();
        this.status = from.status();
        this.progress = from.progress();
        this.result = from.result();
        this.error = from.error();
        this.placeholder = from.placeholder();
        this.attempt = from.attempt();
        this.startedAt = from.startedAt();
        this.updatedAt = from.updatedAt();
        this.finishedAt = from.finishedAt();
        this.deadline = from.deadline();
        this.approval = from.approval();
    }

    /** A status before the end (queued, running...): no outcome, not finished. */
    SnapshotChange pending(OperationStatus pending, Progress now) {
        status = pending;
        progress = now;
        result = null;
        error = null;
        finishedAt = null;
        return this;
    }

    /** The end: its status, and its result or its error; a success shows its progress done. */
    SnapshotChange ended(Outcome outcome) {
        ends = true;
        status = outcome.status();
        switch (outcome) {
            case Outcome.Succeeded succeeded -> {
                result = succeeded.result();
                error = null;
                progress = new Progress(100, "done", "succeeded");
            }
            case Outcome.Unsuccessful unsuccessful -> {
                result = null;
                error = unsuccessful.error();
            }
        }
        return this;
    }

    SnapshotChange placeholder(Map<String, Object> shown) {
        placeholder = shown;
        return this;
    }

    SnapshotChange attempt(int number) {
        attempt = number;
        return this;
    }

    SnapshotChange startedAt(Instant started) {
        startedAt = started;
        return this;
    }

    SnapshotChange deadline(Instant until) {
        deadline = until;
        return this;
    }

    SnapshotChange approval(Approval now) {
        approval = now;
        return this;
    }

    SnapshotChange maps(Map<String, Object> sameRequest, Map<String, Object> sameResult) {
        request = sameRequest;
        result = sameResult;
        return this;
    }

    /** The new snapshot, updated at {@code now} (and finished then, if this change ended it). */
    Operation at(Instant now) {
        updatedAt = now;
        if (ends) {
            finishedAt = now;
        }
        return done();
    }

    Operation done() {
        return new Operation(from.id(), from.type(), from.target(), status, request, progress, result, error,
                placeholder, from.requestedBy(), from.tenant(), from.idempotencyKey(), attempt, from.createdAt(),
                startedAt, updatedAt, finishedAt, deadline, from.traceId(), approval);
    }
}
