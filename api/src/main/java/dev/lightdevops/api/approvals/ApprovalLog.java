package dev.lightdevops.api.approvals;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Approval;
import dev.lightdevops.common.operation.Approval.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Decides approvals. Every api instance reads all of {@code ops.approvals} from the beginning and folds each
 * operation's claims in partition order (all of them share the operation's key, hence one partition): approvals of
 * distinct principals accumulate until the policy's count is reached, and the first claim that approves (with the
 * last missing approval), rejects, expires or withdraws decides; every later claim finds the approval decided. Since
 * the fold is the same on every instance, exactly one claim ever decides an operation, whichever instances raced:
 * the instance that wrote it, and only that one, publishes the outcome (for an approval, the command).
 *
 * <p>A claimant registers for its own claim before sending it ({@link #expect}) and learns how it was ruled once this
 * instance read it back, which also means this instance read every claim written before it.
 */
@Component
class ApprovalLog extends AbstractConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ApprovalLog.class);

    /** How one claim was ruled. */
    enum Ruling {
        /** This claim decided the approval (approved, rejected, expired or withdrawn). */
        DECIDED,
        /** An approval was recorded; more are needed. */
        RECORDED,
        /** The claimant had approved already; nothing changed. */
        REPEATED,
        /** An earlier claim decided; nothing changed. */
        TOO_LATE
    }

    /** The approval of one operation as its claims so far decided it. */
    record Tally(List<Decision> approvals, Decision rejection, String decision, ApprovalClaim decidedBy) {

        static final Tally NONE = new Tally(List.of(), null, null, null);

        boolean decided() {
            return decision != null;
        }

        /** The operation's approval with what the claims decided. */
        Approval applyTo(Approval requested) {
            return new Approval(requested.required(), requested.permission(), requested.expiresAt(), approvals,
                    rejection, decision);
        }
    }

    record Verdict(ApprovalClaim claim, Ruling ruling, Tally tally) {
    }

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Verdict>> expected = new ConcurrentHashMap<>();

    @KafkaListener(id = "approval-log", containerFactory = "viewListenerFactory", topics = Topics.APPROVALS,
            groupId = "devops-api-approvals-#{T(java.util.UUID).randomUUID()}")
    void onClaim(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            Verdict verdict = rule(ContractJson.read(record.value(), ApprovalClaim.class));
            CompletableFuture<Verdict> waiting = expected.remove(verdict.claim().claimId());
            if (waiting != null) {
                waiting.complete(verdict);
            }
        } catch (JacksonException | IllegalArgumentException | NullPointerException unreadable) {
            log.warn("skipping an unreadable approval claim at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), unreadable.getMessage());
        }
    }

    /** The future of a claim about to be sent; complete once this instance read it back. */
    CompletableFuture<Verdict> expect(String claimId) {
        return expected.computeIfAbsent(claimId, id -> new CompletableFuture<>());
    }

    void forget(String claimId) {
        expected.remove(claimId);
    }

    /** What this instance's reading of the claims decided so far for the operation. */
    Optional<Tally> tally(String operationId) {
        return Optional.ofNullable(tallies.get(operationId));
    }

    /** Rules one claim against the operation's tally; the same on every instance, in the order of the partition. */
    Verdict rule(ApprovalClaim claim) {
        Verdict[] verdict = new Verdict[1];
        tallies.compute(claim.operationId(), (id, current) -> {
            Tally tally = current == null ? Tally.NONE : current;
            Tally next = next(tally, claim);
            verdict[0] = new Verdict(claim, ruling(tally, next), next);
            return next;
        });
        return verdict[0];
    }

    private static Tally next(Tally tally, ApprovalClaim claim) {
        if (tally.decided()) {
            return tally;
        }
        Decision decision = new Decision(claim.principal(), claim.name(), claim.at(), claim.reason());
        return switch (claim.action()) {
            case APPROVE -> {
                if (tally.approvals().stream().anyMatch(approval -> approval.principal().equals(claim.principal()))) {
                    yield tally;
                }
                List<Decision> approvals = new ArrayList<>(tally.approvals());
                approvals.add(decision);
                boolean enough = approvals.size() >= Math.max(1, claim.required());
                yield new Tally(List.copyOf(approvals), null, enough ? Approval.APPROVED : null,
                        enough ? claim : null);
            }
            case REJECT -> new Tally(tally.approvals(), decision, Approval.REJECTED, claim);
            case EXPIRE -> new Tally(tally.approvals(), null, Approval.EXPIRED, claim);
            case WITHDRAW -> new Tally(tally.approvals(), null, Approval.WITHDRAWN, claim);
        };
    }

    private static Ruling ruling(Tally before, Tally after) {
        if (before.decided()) {
            return Ruling.TOO_LATE;
        }
        if (after.decided()) {
            return Ruling.DECIDED;
        }
        return after.approvals().size() > before.approvals().size() ? Ruling.RECORDED : Ruling.REPEATED;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToBeginning(assignments.keySet());
    }
}
