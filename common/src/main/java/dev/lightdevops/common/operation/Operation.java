package dev.lightdevops.common.operation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The unit of work and of polling (AIP-151 style), as one full snapshot. Every message on {@code ops.status} is one of
 * these, never a delta, so the latest record per id is the whole truth. A terminal snapshot carries its
 * {@link Outcome}: exactly one of {@code result} and {@code error}, and a snapshot before the end neither (the
 * constructor refuses any other combination; transitions reach a terminal status only through an outcome). An
 * operation its environment's policy gates carries its {@link Approval} from {@code awaiting_approval} on, through
 * every later snapshot.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Operation(
        String id,
        OperationType type,
        Target target,
        OperationStatus status,
        Map<String, Object> request,
        Progress progress,
        Map<String, Object> result,
        OperationError error,
        Map<String, Object> placeholder,
        String requestedBy,
        String tenant,
        String idempotencyKey,
        int attempt,
        Instant createdAt,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        Instant deadline,
        String traceId,
        Approval approval) {

    /** The error code of an acceptance the api withdrew (see {@link #withdrawsAcceptance}). */
    public static final String NOT_ACCEPTED = "not_accepted";

    public Operation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        request = request == null ? Map.of() : request;
        boolean consistent = switch (status) {
            case SUCCEEDED -> result != null && error == null;
            case FAILED, CANCELLED, TIMED_OUT, REJECTED, EXPIRED -> result == null && error != null;
            case AWAITING_APPROVAL, QUEUED, RUNNING -> result == null && error == null;
        };
        if (!consistent) {
            throw new IllegalArgumentException("a " + status.wireName() + " snapshot carries "
                    + (status == OperationStatus.SUCCEEDED ? "its result and no error"
                            : status.isTerminal() ? "its error and no result" : "neither a result nor an error"));
        }
    }

    /** An operation that needed no approval. */
    public Operation(String id, OperationType type, Target target, OperationStatus status, Map<String, Object> request,
            Progress progress, Map<String, Object> result, OperationError error, Map<String, Object> placeholder,
            String requestedBy, String tenant, String idempotencyKey, int attempt, Instant createdAt,
            Instant startedAt, Instant updatedAt, Instant finishedAt, Instant deadline, String traceId) {
        this(id, type, target, status, request, progress, result, error, placeholder, requestedBy, tenant,
                idempotencyKey, attempt, createdAt, startedAt, updatedAt, finishedAt, deadline, traceId, null);
    }

    /** A new operation as the api accepts it: queued, attempt 1, its placeholder set. */
    public static Operation queued(String id, OperationType type, Target target, Map<String, Object> request,
            Map<String, Object> placeholder, String requestedBy, String tenant, String idempotencyKey,
            Instant now, Instant deadline, String traceId) {
        return new Operation(id, type, target, OperationStatus.QUEUED, request, null, null, null, placeholder,
                requestedBy, tenant, idempotencyKey, 1, now, null, now, null, deadline, traceId, null);
    }

    /**
     * A new operation its environment's policy gates: awaiting approval, nothing on {@code ops.commands} yet. Its
     * deadline is the approval's expiry until it is approved.
     */
    public static Operation awaitingApproval(String id, OperationType type, Target target,
            Map<String, Object> request, Map<String, Object> placeholder, String requestedBy, String tenant,
            String idempotencyKey, Instant now, Approval approval, String traceId) {
        return new Operation(id, type, target, OperationStatus.AWAITING_APPROVAL, request, null, null, null,
                placeholder, requestedBy, tenant, idempotencyKey, 1, now, null, now, null, approval.expiresAt(),
                traceId, approval);
    }

    @JsonIgnore
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /** How it ended; empty while it has not. */
    @JsonIgnore
    public Optional<Outcome> outcome() {
        if (!status.isTerminal()) {
            return Optional.empty();
        }
        return Optional.of(status == OperationStatus.SUCCEEDED ? new Outcome.Succeeded(result)
                : Outcome.unsuccessful(status, error));
    }

    /** Approved: queued from now on, with its run's own deadline and the placeholder of a queued operation. */
    public Operation approved(Approval decided, Map<String, Object> queuedPlaceholder, Instant runDeadline,
            Instant now) {
        return change().pending(OperationStatus.QUEUED, null).placeholder(queuedPlaceholder).startedAt(null)
                .deadline(runDeadline).approval(decided).at(now);
    }

    /** Still awaiting approval, with one more approver recorded (a policy asking for several). */
    public Operation withApproval(Approval partly, Instant now) {
        return change().approval(partly).at(now);
    }

    /** Attempt {@code attempt} runs; a new attempt starts its clock anew. */
    public Operation running(int attempt, Progress progress, Instant now) {
        Instant started = startedAt == null || attempt != this.attempt ? now : startedAt;
        return change().pending(OperationStatus.RUNNING, progress).attempt(attempt).startedAt(started).at(now);
    }

    public Operation succeeded(Map<String, Object> result, Instant now) {
        return ended(new Outcome.Succeeded(result), now);
    }

    /** Ends the operation with its outcome. */
    public Operation ended(Outcome outcome, Instant now) {
        return ended(outcome, approval, now);
    }

    /** Ends it with the approval as it was decided (rejected, expired, withdrawn). */
    public Operation ended(Outcome outcome, Approval decided, Instant now) {
        return change().ended(outcome).approval(decided).at(now);
    }

    /**
     * The same snapshot without the placeholder the api answered with at acceptance: what a terminal operation is
     * shown as (its outcome only), and how an answer that carries the placeholder elsewhere embeds the operation.
     */
    public Operation withoutPlaceholder() {
        return placeholder == null ? this : change().placeholder(null).done();
    }

    /** The same snapshot with its request and result maps replaced by equal ones (a view's compact copies). */
    public Operation withMaps(Map<String, Object> request, Map<String, Object> result) {
        return change().maps(request, result).done();
    }

    private SnapshotChange change() {
        return new SnapshotChange(this);
    }

    /**
     * Whether this snapshot may replace {@code current} in a view: never out of a terminal status, never back to an
     * earlier attempt or an earlier status of the same attempt, never back to fewer recorded approvals, and an
     * acceptance withdrawn by the api ({@link #withdrawsAcceptance}) never over a run that had started.
     */
    public boolean supersedes(Operation current) {
        if (current == null) {
            return true;
        }
        if (status == OperationStatus.AWAITING_APPROVAL && current.status == OperationStatus.AWAITING_APPROVAL
                && attempt == current.attempt) {
            return approvalCount() >= current.approvalCount();
        }
        return supersedes(status, attempt, withdrawsAcceptance(), current.status, current.attempt,
                current.startedAt != null);
    }

    /**
     * The merge rule of every view of {@code ops.status}, on the few fields it needs (a view that keeps less than whole
     * snapshots uses it too): may a snapshot with these fields replace the current one?
     */
    public static boolean supersedes(OperationStatus status, int attempt, boolean withdrawsAcceptance,
            OperationStatus currentStatus, int currentAttempt, boolean currentStarted) {
        if (currentStatus.isTerminal()) {
            return false;
        }
        if (withdrawsAcceptance) {
            // Whichever comes first in the operation's partition wins: a worker's start, or the api's withdrawal.
            return !currentStarted;
        }
        if (status.isTerminal()) {
            return true;
        }
        if (attempt != currentAttempt) {
            return attempt > currentAttempt;
        }
        return status.rank() >= currentStatus.rank();
    }

    /**
     * Whether this is the api's withdrawal of an acceptance Kafka did not confirm ({@code failed} with
     * {@code not_accepted}, never started): it ends the operation only if no worker's start precedes it.
     */
    @JsonIgnore
    public boolean withdrawsAcceptance() {
        return status == OperationStatus.FAILED && startedAt == null && error != null
                && NOT_ACCEPTED.equals(error.code());
    }

    private int approvalCount() {
        return approval == null ? 0 : approval.approvals().size();
    }
}
