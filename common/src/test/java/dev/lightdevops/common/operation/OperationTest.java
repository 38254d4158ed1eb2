package dev.lightdevops.common.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.json.ContractJson;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationTest {

    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private final Operation queued = Operation.queued(OperationIds.next(), OperationType.DEPLOY,
            new Target("checkout", "staging"), Map.of("version", "1.2.3"), Map.of("placeholder", true),
            "alice", "acme", null, now, now.plusSeconds(900), null);

    @Test
    void snapshotsTravelAsSnakeCaseJsonAndBack() {
        String json = new String(ContractJson.write(queued));
        assertThat(json).contains("\"requested_by\":\"alice\"", "\"status\":\"queued\"", "\"type\":\"deploy\"",
                "\"created_at\":\"2026-11-25T10:00:00Z\"");
        assertThat(ContractJson.read(json.getBytes(), Operation.class)).isEqualTo(queued);
    }

    @Test
    void terminalSnapshotIsNeverSupersededByAnEarlierState() {
        Operation running = queued.running(1, new Progress(50, "roll_out", "rolling"), now.plusSeconds(1));
        Operation done = running.succeeded(Map.of("version", "1.2.3"), now.plusSeconds(2));

        assertThat(running.supersedes(queued)).isTrue();
        assertThat(done.supersedes(running)).isTrue();
        assertThat(queued.supersedes(running)).isFalse();
        assertThat(running.supersedes(done)).isFalse();
        assertThat(queued.supersedes(done)).isFalse();
    }

    @Test
    void aRetryAttemptSupersedesTheCrashedAttempt() {
        Operation first = queued.running(1, new Progress(60, "roll_out", ""), now.plusSeconds(1));
        Operation retry = first.running(2, new Progress(0, "validate", ""), now.plusSeconds(5));

        assertThat(retry.supersedes(first)).isTrue();
        assertThat(first.supersedes(retry)).isFalse();
        assertThat(retry.startedAt()).isEqualTo(now.plusSeconds(5));
    }

    @Test
    void aWithdrawnAcceptanceEndsAQueuedOperationButNeverARunThatStartedFirst() {
        Operation withdrawal = queued.ended(new Outcome.Failed(new OperationError(Operation.NOT_ACCEPTED, "withdrawn", true)),
                now.plusSeconds(1));
        Operation running = queued.running(1, new Progress(0, "starting", ""), now.plusSeconds(1));

        assertThat(withdrawal.withdrawsAcceptance()).isTrue();
        assertThat(withdrawal.supersedes(queued)).isTrue();
        assertThat(withdrawal.supersedes(null)).isTrue();
        assertThat(withdrawal.supersedes(running)).isFalse();
        assertThat(running.supersedes(withdrawal)).isFalse();
        assertThat(running.ended(new Outcome.Failed(new OperationError(Operation.NOT_ACCEPTED, "x", true)),
                now.plusSeconds(2)).withdrawsAcceptance()).isFalse();
    }

    @Test
    void aLateQueuedSnapshotNeverUndoesWhatAWorkerWrote() {
        Operation running = queued.running(1, new Progress(10, "validate", ""), now.plusSeconds(1));
        Operation done = running.succeeded(Map.of("version", "1.2.3"), now.plusSeconds(2));
        Operation rebuilt = null;
        // the order a one-trip acceptance can produce in the compacted topic: the worker's snapshots, then the queued
        for (Operation snapshot : java.util.List.of(running, queued, done, queued)) {
            rebuilt = snapshot.supersedes(rebuilt) ? snapshot : rebuilt;
        }
        assertThat(rebuilt).isEqualTo(done);
    }

    @Test
    void idsAreTimeOrderedAndCarryTheirCreationTime() {
        String first = OperationIds.next();
        String second = OperationIds.next();
        assertThat(first).isLessThan(second);
        assertThat(OperationIds.createdAt(first)).isPresent();
        assertThat(OperationIds.createdAt("not-a-uuid")).isEmpty();
    }

    @Test
    void anApprovedOperationIsQueuedAndKeepsWhoApproved() {
        Operation awaiting = Operation.awaitingApproval(OperationIds.next(), OperationType.DEPLOY,
                new Target("checkout", "production"), Map.of("version", "1.2.3"), Map.of("placeholder", true),
                "alice", "acme", null, now, Approval.pending(1, "approve_production", now.plusSeconds(3600)), null);
        Approval decided = awaiting.approval().with(new Approval.Decision("bob", "Bob", now.plusSeconds(60), "ok"));
        Operation approved = awaiting.approved(decided, Map.of("placeholder", true), now.plusSeconds(1860),
                now.plusSeconds(60));

        assertThat(awaiting.isTerminal()).isFalse();
        assertThat(awaiting.deadline()).isEqualTo(now.plusSeconds(3600));
        assertThat(decided.decision()).isEqualTo(Approval.APPROVED);
        assertThat(approved.status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(approved.supersedes(awaiting)).isTrue();
        assertThat(awaiting.supersedes(approved)).isFalse();
        String json = new String(ContractJson.write(approved));
        assertThat(json).contains("\"approval\":{", "\"approvals\":[{\"principal\":\"bob\"", "\"decision\":\"approved\"");
        assertThat(ContractJson.read(json.getBytes(), Operation.class)).isEqualTo(approved);
    }

    @Test
    void rejectedAndExpiredAreTerminalAndAnApprovalNeedsDistinctApprovers() {
        Approval two = Approval.pending(2, "approve_production", now.plusSeconds(3600));
        Approval once = two.with(new Approval.Decision("bob", null, now, null));
        Approval twiceByBob = once.with(new Approval.Decision("bob", null, now.plusSeconds(1), null));

        assertThat(OperationStatus.REJECTED.isTerminal()).isTrue();
        assertThat(OperationStatus.EXPIRED.isTerminal()).isTrue();
        assertThat(OperationStatus.AWAITING_APPROVAL.isTerminal()).isFalse();
        assertThat(once.isPending()).isTrue();
        assertThat(twiceByBob).isEqualTo(once);
        assertThat(once.with(new Approval.Decision("carol", null, now, null)).decision())
                .isEqualTo(Approval.APPROVED);
    }
}
