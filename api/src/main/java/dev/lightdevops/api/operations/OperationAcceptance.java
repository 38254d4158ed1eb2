package dev.lightdevops.api.operations;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.approvals.ApprovalDecisions;
import dev.lightdevops.api.approvals.ApprovalGate;
import dev.lightdevops.api.approvals.ApprovalPolicy;
import dev.lightdevops.api.identity.AuditTrail;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.observability.TraceIds;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.operation.Approval;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The one acceptance pipeline of every mutating or slow tool: resolve the idempotency key, set the deadline,
 * publish durably, audit. The deadline is {@link OperationDeadlines}'s. The caller was authorized before its tool ran, at the one authorization point every tool
 * call passes ({@link dev.lightdevops.api.identity.ToolCallGate}). Usage from a tool:
 *
 * <pre>{@code
 * ProposedOperation request = new ProposedOperation("deploy_service", OperationType.DEPLOY, target, target.key(),
 *         recordedArguments, "Deploy of cart 1.2.0 to staging", idempotencyKey, null);
 * return ToolResult.accepted(acceptance.accept(request, caller), pollInterval);
 * }</pre>
 *
 * <p>An operation its environment's approval policy gates ({@link ApprovalPolicy}) is accepted as
 * {@code awaiting_approval}: only its snapshot is written, and its command is published by the approval that decides
 * it ({@code ApprovalDecisions}), never before.
 *
 * <p>Guarantees: it returns only after Kafka acknowledged the queued snapshot and the command (else it throws
 * {@link CommandNotDurableException}: not accepted, no worker will run it; or {@link AcceptanceUnknownException}); a
 * request with an idempotency key that the same principal used within the idempotency window returns the original
 * operation, on any api instance: the lookup reads this instance's view after it caught up with {@code ops.status},
 * and the id is derived from principal and key, so even two instances racing on the same request publish one
 * operation id; the replay of one still queued publishes its snapshot and command again and returns once Kafka
 * acknowledged both, so a replayed id always has its command. An operation that was not accepted does not count as the key's use: a retry is accepted anew; a
 * retry while this instance is still settling an unknown outcome hears {@link AcceptanceUnknownException} again.
 * An awaiting snapshot that Kafka did not confirm is settled through its approval
 * ({@link ApprovalDecisions#settleUnconfirmed}): withdrawn unless someone approved or rejected it first. Plain
 * blocking code: it runs on the request's virtual thread; the audit event is written off that thread.
 */
@Service
public class OperationAcceptance {

    private final CommandPublisher publisher;
    private final OperationView view;
    private final ConsumedPositions statusPositions;
    private final AuditTrail audit;
    private final OperationDeadlines deadlines;
    private final OperationsProperties settings;
    private final Clock clock;
    private final ApprovalGate approvals;
    private final Duration answerTimeout;

    OperationAcceptance(CommandPublisher publisher, OperationView view, ConsumedPositions statusPositions,
            AuditTrail audit, OperationDeadlines deadlines, OperationsProperties settings, Clock clock,
            ApprovalGate approvals, ApiProperties api) {
        this.publisher = publisher;
        this.view = view;
        this.statusPositions = statusPositions;
        this.audit = audit;
        this.deadlines = deadlines;
        this.settings = settings;
        this.clock = clock;
        this.approvals = approvals;
        this.answerTimeout = api.answerTimeout();
    }

    /** Accepts the request for the caller; refusals are thrown before anything is published. */
    public Operation accept(ProposedOperation request, Caller caller) {
        AnswerBudget budget = AnswerBudget.of(answerTimeout);
        String client = AuditTrail.currentClientAddress();
        Duration deadline = deadlines.of(request);
        if (request.idempotencyKey() == null) {
            return publishNew(OperationIds.next(), request, deadline, caller, client, budget);
        }
        return acceptIdempotent(request, deadline, caller, client, budget);
    }

    private Operation acceptIdempotent(ProposedOperation request, Duration deadline, Caller caller, String client,
            AnswerBudget budget) {
        Instant now = clock.instant();
        for (int generation = 0; ; generation++) {
            String id = IdempotencyKeys.operationId(caller.tenant(), caller.principal(), request.idempotencyKey(),
                    generation);
            if (publisher.outcomeUnknown(id)) {
                // The withdrawal this instance is still writing may end this id, whether or not its queued snapshot
                // is in the view: a retry hears "unknown" again, neither "accepted" nor a new publish of the same id
                // (drill-partition found callers told "accepted" about withdrawn operations).
                throw new AcceptanceUnknownException(id, null);
            }
            // Only this id's partition: with one partition's leader unreachable, the keys of the others need not wait
            // (drill-partition: every keyed call lost its catch-up timeout while any one leader was cut off).
            statusPositions.awaitCaughtUp(id, budget.bound(settings.catchUpTimeout())).join();
            Optional<Operation> existing = view.find(id);
            if (existing.isEmpty()) {
                return publishNew(id, request, deadline, caller, client, budget);
            }
            Instant created = existing.get().createdAt();
            boolean withinWindow = created == null || created.plus(settings.idempotencyWindow()).isAfter(now);
            if (withinWindow && !existing.get().withdrawsAcceptance()) {
                Operation replayed = existing.get();
                if (replayed.status() == OperationStatus.QUEUED) {
                    // The instance that accepted it may have died between its two sends, leaving a queued snapshot
                    // and no command (drill-api: ids answered with no command): the replay makes the acceptance
                    // durable itself, snapshot and command again. A worker runs the operation once; the other
                    // command finds it running or ended and is skipped.
                    replayed = publisher.publish(replayed, request.commandKey(), budget);
                }
                audit.record(OperationAudit.accepted(clock.instant(), request, replayed, caller, client,
                        "idempotent_replay"));
                return replayed;
            }
        }
    }

    private Operation publishNew(String id, ProposedOperation request, Duration deadline, Caller caller,
            String client, AnswerBudget budget) {
        Instant now = clock.instant();
        Optional<Approval> approval = approvals.policy().gate(request.type(), request.target(), now);
        if (approval.isPresent()) {
            return publishAwaitingApproval(id, request, approval.get(), caller, client, now);
        }
        Operation queued = Operation.queued(id, request.type(), request.target(), request.arguments(),
                PlaceholderResults.forOperation(id, request.summary()), caller.principal(), caller.tenant(),
                request.idempotencyKey(), now, now.plus(deadline), TraceIds.current());
        Operation accepted = publisher.publish(queued, request.commandKey(), budget);
        view.apply(accepted);
        audit.record(OperationAudit.accepted(clock.instant(), request, accepted, caller, client,
                accepted.status().wireName()));
        return accepted;
    }

    /** Held back for approval: only the snapshot is written; its command waits for the approval that decides. */
    private Operation publishAwaitingApproval(String id, ProposedOperation request, Approval approval, Caller caller,
            String client, Instant now) {
        Operation awaiting = Operation.awaitingApproval(id, request.type(), request.target(), request.arguments(),
                PlaceholderResults.awaitingApproval(id, request.summary(), approval), caller.principal(),
                caller.tenant(), request.idempotencyKey(), now, approval, TraceIds.current());
        Operation accepted = awaiting;
        try {
            publisher.publishSnapshot(awaiting);
            view.apply(awaiting);
        } catch (CommandNotDurableException notConfirmed) {
            accepted = approvals.decisions().settleUnconfirmed(awaiting, notConfirmed);
        }
        audit.record(OperationAudit.accepted(clock.instant(), request, accepted, caller, client,
                accepted.status().wireName()));
        return accepted;
    }
}
