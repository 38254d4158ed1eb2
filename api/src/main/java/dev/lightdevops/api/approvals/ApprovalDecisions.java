package dev.lightdevops.api.approvals;

import dev.lightdevops.api.approvals.ApprovalClaim.Action;
import dev.lightdevops.api.approvals.ApprovalLog.Ruling;
import dev.lightdevops.api.approvals.ApprovalLog.Verdict;
import dev.lightdevops.api.identity.AuditTrail;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.PermissionDeniedException;
import dev.lightdevops.api.operations.AcceptanceUnknownException;
import dev.lightdevops.api.operations.CommandNotDurableException;
import dev.lightdevops.api.operations.CommandPublisher;
import dev.lightdevops.api.operations.OperationDeadlines;
import dev.lightdevops.api.operations.OperationLookup;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.operations.OperationsProperties;
import dev.lightdevops.api.operations.PlaceholderResults;
import dev.lightdevops.common.operation.Approval;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.Outcome.Cancelled;
import dev.lightdevops.common.operation.Outcome.Expired;
import dev.lightdevops.common.operation.Outcome.Failed;
import dev.lightdevops.common.operation.Outcome.Rejected;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Approve, reject, expire, withdraw: every step on an operation's approval. A step is checked first (the caller
 * sees the operation, holds its approve permission, is not its requester, and it still awaits approval; a refusal
 * changes nothing and is audited), then written as a claim to {@code ops.approvals} and ruled by {@link ApprovalLog}.
 * Only the instance whose claim decided publishes the outcome: for an approval, the queued snapshot and its command
 * through the same {@link CommandPublisher} path as any accepted operation, so a command is published once however
 * many approvers race on however many instances. Every step is audited with both principals. Plain blocking code:
 * it runs on the caller's (virtual) thread.
 */
@Service
public class ApprovalDecisions {

    /** What a step came to: the operation as it stands after it, and one sentence saying what happened. */
    public record Outcome(Operation operation, String message) {
    }

    private final OperationLookup lookup;
    private final OperationView view;
    private final CommandPublisher publisher;
    private final ApprovalClaims claims;
    private final AuditTrail audit;
    private final OperationDeadlines deadlines;
    private final OperationsProperties operations;
    private final Clock clock;

    ApprovalDecisions(OperationLookup lookup, OperationView view, CommandPublisher publisher, ApprovalClaims claims,
            AuditTrail audit, OperationDeadlines deadlines, OperationsProperties operations, Clock clock) {
        this.lookup = lookup;
        this.view = view;
        this.publisher = publisher;
        this.claims = claims;
        this.audit = audit;
        this.deadlines = deadlines;
        this.operations = operations;
        this.clock = clock;
    }

    public Outcome approve(String id, String reason, Caller caller, String tool) {
        return decide(id, Action.APPROVE, reason, caller, tool);
    }

    public Outcome reject(String id, String reason, Caller caller, String tool) {
        return decide(id, Action.REJECT, reason, caller, tool);
    }

    /** The requester (or a cancel_any holder) cancels an operation still awaiting approval. */
    public Outcome withdraw(Operation operation, Caller caller, String tool) {
        String client = AuditTrail.currentClientAddress();
        return ruled(operation, claim(operation, Action.WITHDRAW, caller.principal(), caller.name(),
                caller.tenant(), "cancelled before it was approved"), client, tool);
    }

    /**
     * Settles an operation accepted as awaiting approval whose snapshot Kafka did not confirm (it may have landed, and
     * been seen and approved): a withdrawal claim by the system, ruled in order with every other step. When it
     * decides, the operation ends {@code failed} with {@code not_accepted} (nobody can approve it any more) and
     * {@code notConfirmed} is thrown: the caller was not accepted. When a person's step came first, the operation as
     * that step left it is returned: it was accepted after all. When even the claim is not confirmed, the caller is
     * told the outcome is unknown ({@link AcceptanceUnknownException}, with the id).
     */
    public Operation settleUnconfirmed(Operation awaiting, CommandNotDurableException notConfirmed) {
        Outcome outcome;
        try {
            outcome = ruled(awaiting, claim(awaiting, Action.WITHDRAW, ApprovalClaim.SYSTEM, null, awaiting.tenant(),
                    "Kafka did not confirm its acceptance"), null, null);
        } catch (CommandNotDurableException unsettled) {
            throw new AcceptanceUnknownException(awaiting.id(), unsettled);
        }
        if (outcome.operation().withdrawsAcceptance()) {
            throw notConfirmed;
        }
        return outcome.operation();
    }

    /** Ends an operation whose approval request ran out (called by {@link ApprovalExpiry} on every instance). */
    Outcome expire(Operation operation) {
        return ruled(operation, claim(operation, Action.EXPIRE, ApprovalClaim.SYSTEM, null, operation.tenant(),
                "no decision by " + operation.approval().expiresAt()), null, null);
    }

    private Outcome decide(String id, Action action, String reason, Caller caller, String tool) {
        String client = AuditTrail.currentClientAddress();
        Operation operation = lookup.find(id, caller);
        String verb = action == Action.APPROVE ? "approve" : "reject";
        Approval approval = operation.approval();
        if (approval == null) {
            throw new NotAwaitingApprovalException("operation " + id + " needed no approval (it is "
                    + operation.status().wireName() + "): there is nothing to " + verb);
        }
        if (!caller.may(approval.permission())) {
            refuse(operation, caller, client, tool, action, "permission_denied", "missing " + approval.permission());
            throw new PermissionDeniedException(approval.permission(), verb + " operation " + id + " in "
                    + operation.target().environment());
        }
        if (caller.principal().equals(operation.requestedBy())) {
            refuse(operation, caller, client, tool, action, "two_person_rule", "requested by the same principal");
            throw new TwoPersonRuleException(id, caller.principal());
        }
        if (operation.status() != OperationStatus.AWAITING_APPROVAL) {
            return alreadyDecided(operation, action, caller);
        }
        if (!clock.instant().isBefore(approval.expiresAt())) {
            refuse(operation, caller, client, tool, action, "approval_expired", "expired at " + approval.expiresAt());
            throw new NotAwaitingApprovalException("the approval request of operation " + id + " expired at "
                    + approval.expiresAt() + ": nothing can be " + verb + "d; ask for a new deploy");
        }
        return ruled(operation, claim(operation, action, caller.principal(), caller.name(), caller.tenant(), reason),
                client, tool);
    }

    /** Submits the claim and publishes the outcome if the claim decided. */
    private Outcome ruled(Operation operation, ApprovalClaim claim, String client, String tool) {
        Verdict verdict = claims.submit(claim);
        Operation current = view.find(operation.id()).orElse(operation);
        return switch (verdict.ruling()) {
            case DECIDED -> publishDecision(current, verdict, client, tool);
            case RECORDED -> recordApproval(current, verdict, client, tool);
            case REPEATED -> new Outcome(current, "You had approved operation " + current.id() + " already; it "
                    + "still waits for " + missing(current, verdict) + " more approval(s).");
            case TOO_LATE -> tooLate(current, verdict);
        };
    }

    private Outcome publishDecision(Operation operation, Verdict verdict, String client, String tool) {
        Instant now = clock.instant();
        Approval decided = verdict.tally().applyTo(operation.approval());
        ApprovalClaim claim = verdict.claim();
        Operation outcome = claim.action() == Action.APPROVE
                ? publisher.publish(operation.approved(decided,
                        PlaceholderResults.forOperation(operation.id(), summaryOf(operation)),
                        deadlines.afterApproval(operation, now), now), operation.target().key())
                : written(terminal(operation, claim, decided, now));
        view.apply(outcome);
        String action = switch (claim.action()) {
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case EXPIRE -> "expired";
            case WITHDRAW -> outcome.withdrawsAcceptance() ? "not_accepted" : "cancelled";
        };
        audit.record(ApprovalAudit.step(now, action, claim, outcome, client, tool));
        return new Outcome(outcome, switch (claim.action()) {
            case APPROVE -> "Approved: operation " + outcome.id() + " is queued and will run; follow it with "
                    + "get_operation {\"operation_id\": \"" + outcome.id() + "\"}.";
            case REJECT -> "Rejected: operation " + outcome.id() + " ended rejected and will not run.";
            case EXPIRE -> "Operation " + outcome.id() + " expired unapproved.";
            case WITHDRAW -> "Operation " + outcome.id() + " is cancelled; it was never approved and never ran.";
        });
    }

    /**
     * Settles an approval that an earlier claim decided but whose outcome never reached the view (the deciding
     * instance stopped): only once the decision is older than {@code decidedBefore}. Answers whether it did.
     */
    boolean settle(Operation operation, ApprovalLog.Tally tally, Instant decidedBefore) {
        ApprovalClaim claim = tally.decidedBy();
        if (claim == null || !claim.at().isBefore(decidedBefore)) {
            return false;
        }
        Instant now = clock.instant();
        Approval decided = tally.applyTo(operation.approval());
        // Never publish an approved command a second time: the deciding instance may have sent it already.
        Operation settled = claim.action() == Action.APPROVE
                ? operation.ended(new Failed(new OperationError("approval_not_published", "approved by "
                        + claim.principal() + ", but the server that approved it stopped before it queued the "
                        + "operation; nothing ran: deploy again", true)), decided, now)
                : terminal(operation, claim, decided, now);
        view.apply(written(settled));
        audit.record(ApprovalAudit.step(now, "approval_settled", claim, settled, null, null));
        return true;
    }

    private static Operation terminal(Operation operation, ApprovalClaim claim, Approval decided, Instant now) {
        return switch (claim.action()) {
            case REJECT -> operation.ended(new Rejected(new OperationError("rejected", "rejected by "
                    + claim.principal() + (claim.reason() == null ? "" : ": " + claim.reason()), false)), decided, now);
            case EXPIRE -> operation.ended(new Expired(new OperationError("approval_expired",
                    "nobody approved it before " + operation.approval().expiresAt() + "; deploy again to ask anew",
                    false)), decided, now);
            case WITHDRAW -> ApprovalClaim.SYSTEM.equals(claim.principal())
                    ? operation.ended(new Failed(new OperationError(Operation.NOT_ACCEPTED, "Kafka did "
                            + "not confirm this acceptance in time; it was withdrawn and will not run. Try again",
                            true)), decided, now)
                    : operation.ended(new Cancelled(new OperationError("cancelled", "cancelled by "
                            + claim.principal() + " before it was approved", false)), decided, now);
            case APPROVE -> throw new IllegalArgumentException("an approval is not a terminal outcome");
        };
    }

    private Outcome recordApproval(Operation operation, Verdict verdict, String client, String tool) {
        Instant now = clock.instant();
        Operation partly = written(operation.withApproval(verdict.tally().applyTo(operation.approval()), now));
        view.apply(partly);
        audit.record(ApprovalAudit.step(now, "approval_recorded", verdict.claim(), partly, client, tool));
        return new Outcome(partly, "Your approval of operation " + partly.id() + " is recorded; it waits for "
                + missing(partly, verdict) + " more approval(s) by other people.");
    }

    /**
     * An earlier claim decided: an approval after a rejection (or the reverse) is refused, as it is once this view
     * shows the decision ({@link #alreadyDecided}), whichever instance's view is behind; the same decision again, an
     * expiry or a withdrawal changes nothing and answers the operation as it stands.
     */
    private Outcome tooLate(Operation operation, Verdict verdict) {
        // The deciding instance publishes the outcome; give this view a moment to hear it, then answer as it stands.
        Operation settled = view.awaitMatch(operation.id(),
                snapshot -> snapshot.status() != OperationStatus.AWAITING_APPROVAL, operations.catchUpTimeout())
                .orElse(operation);
        ApprovalClaim decider = verdict.tally().decidedBy();
        String decision = verdict.tally().decision();
        String by = decider == null || ApprovalClaim.SYSTEM.equals(decider.principal()) ? ""
                : " by " + decider.principal();
        Action action = verdict.claim().action();
        boolean contrary = action == Action.APPROVE && !Approval.APPROVED.equals(decision)
                || action == Action.REJECT && !Approval.REJECTED.equals(decision);
        if (contrary) {
            throw new NotAwaitingApprovalException("operation " + settled.id() + " was " + decision + " already" + by
                    + ": it no longer awaits approval, so it cannot be " + (action == Action.APPROVE ? "approved"
                    : "rejected") + "; call get_operation to see where it stands");
        }
        return new Outcome(settled, "Operation " + settled.id() + " was " + decision + " already" + by
                + "; nothing changed. It is " + settled.status().wireName() + ".");
    }

    private Outcome alreadyDecided(Operation operation, Action action, Caller caller) {
        Approval approval = operation.approval();
        boolean same = action == Action.APPROVE ? Approval.APPROVED.equals(approval.decision())
                : Approval.REJECTED.equals(approval.decision());
        if (same) {
            return new Outcome(operation, "Operation " + operation.id() + " was " + approval.decision()
                    + " already; nothing changed. It is " + operation.status().wireName() + ".");
        }
        throw new NotAwaitingApprovalException("operation " + operation.id() + " is " + operation.status().wireName()
                + (approval.decision() == null ? "" : " (" + approval.decision() + ")") + ": it no longer awaits "
                + "approval, so it cannot be " + (action == Action.APPROVE ? "approved" : "rejected")
                + "; call get_operation to see where it stands");
    }

    private void refuse(Operation operation, Caller caller, String client, String tool, Action action, String code,
            String detail) {
        audit.record(ApprovalAudit.refused(clock.instant(), operation, caller, client, tool, action.wireName(), code,
                detail));
    }

    private ApprovalClaim claim(Operation operation, Action action, String principal, String name, String tenant,
            String reason) {
        return new ApprovalClaim(UUID.randomUUID().toString(), operation.id(), action, principal, name, tenant,
                reason, clock.instant(), operation.approval().required());
    }

    private static int missing(Operation operation, Verdict verdict) {
        return Math.max(0, operation.approval().required() - verdict.tally().approvals().size());
    }

    static String summaryOf(Operation operation) {
        Object version = operation.request().get("version");
        Object target = operation.request().get("target_version");
        return (operation.type().wireName().equals("deploy") ? "Deploy of " : "Rollback of ")
                + operation.target().service() + (version != null ? " " + version
                : target != null ? " to " + target : "") + " in " + operation.target().environment();
    }

    /** The snapshot once Kafka acknowledged it ({@link CommandNotDurableException} otherwise). */
    private Operation written(Operation snapshot) {
        publisher.publishSnapshot(snapshot);
        return snapshot;
    }
}
