package dev.lightdevops.common.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightdevops.common.json.ContractJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bytes of {@code ops.status} that every reader (api instances, workers, the history store, other versions)
 * depends on, pinned for each step of the lifecycle: the literals were written by the snapshot model before the
 * outcome became a type ({@link Outcome}), so a change of field names, order or presence fails here.
 */
class OperationWireShapeTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Operation QUEUED = Operation.queued("0193a1b2-0000-7000-8000-000000000001",
            OperationType.DEPLOY, new Target("cart", "staging"), Map.of("version", "1.2.0"),
            Map.of("placeholder", true), "alice", "acme", "key-1", T0, T0.plusSeconds(900), "trace-1");
    private static final Operation RUNNING = QUEUED.running(1, new Progress(40, "roll_out", "rolling"),
            T0.plusSeconds(1));
    private static final String ACCEPTED = """
            {"id":"0193a1b2-0000-7000-8000-000000000001","type":"deploy","target":{"service":"cart",\
            "environment":"staging"},""";
    private static final String CALLER = """
            "placeholder":{"placeholder":true},"requested_by":"alice","tenant":"acme","idempotency_key":"key-1",\
            "attempt":1,"created_at":"2026-12-01T10:00:00Z",""";
    private static final String ENDED = """
            "started_at":"2026-12-01T10:00:01Z","updated_at":"2026-12-01T10:00:02Z",\
            "finished_at":"2026-12-01T10:00:02Z","deadline":"2026-12-01T10:15:00Z","trace_id":"trace-1"}""";
    private static final String AT_40 = """
            "progress":{"percent":40,"stage":"roll_out","message":"rolling"},""";

    @Test
    void aQueuedSnapshotKeepsItsBytes() {
        assertThat(wire(QUEUED)).isEqualTo(ACCEPTED + """
                "status":"queued","request":{"version":"1.2.0"},""" + CALLER + """
                "updated_at":"2026-12-01T10:00:00Z","deadline":"2026-12-01T10:15:00Z","trace_id":"trace-1"}""");
    }

    @Test
    void aRunningSnapshotKeepsItsBytes() {
        assertThat(wire(RUNNING)).isEqualTo(ACCEPTED + """
                "status":"running","request":{"version":"1.2.0"},""" + AT_40 + CALLER + """
                "started_at":"2026-12-01T10:00:01Z","updated_at":"2026-12-01T10:00:01Z",\
                "deadline":"2026-12-01T10:15:00Z","trace_id":"trace-1"}""");
    }

    @Test
    void aSucceededSnapshotCarriesItsResultAndNoError() {
        Operation succeeded = RUNNING.succeeded(Map.of("version", "1.2.0"), T0.plusSeconds(2));

        assertThat(wire(succeeded)).isEqualTo(ACCEPTED + """
                "status":"succeeded","request":{"version":"1.2.0"},\
                "progress":{"percent":100,"stage":"done","message":"succeeded"},"result":{"version":"1.2.0"},"""
                + CALLER + ENDED);
        assertThat(succeeded.outcome()).contains(new Outcome.Succeeded(Map.of("version", "1.2.0")));
    }

    @Test
    void aFailedSnapshotCarriesItsErrorAndNoResult() {
        OperationError error = new OperationError("rollout_failed", "pods crashed", true);
        Operation failed = RUNNING.ended(new Outcome.Failed(error), T0.plusSeconds(2));

        assertThat(wire(failed)).isEqualTo(ACCEPTED + """
                "status":"failed","request":{"version":"1.2.0"},""" + AT_40 + """
                "error":{"code":"rollout_failed","message":"pods crashed","retryable":true},""" + CALLER + ENDED);
        assertThat(failed.outcome()).contains(new Outcome.Failed(error));
    }

    @Test
    void aCancelledSnapshotCarriesItsError() {
        assertThat(wire(RUNNING.ended(new Outcome.Cancelled(new OperationError("cancelled", "on request", false)),
                T0.plusSeconds(2)))).isEqualTo(ACCEPTED + """
                "status":"cancelled","request":{"version":"1.2.0"},""" + AT_40 + """
                "error":{"code":"cancelled","message":"on request","retryable":false},""" + CALLER + ENDED);
    }

    @Test
    void aTimedOutSnapshotCarriesItsError() {
        assertThat(wire(RUNNING.ended(new Outcome.TimedOut(
                new OperationError("deadline_exceeded", "past its deadline", true)), T0.plusSeconds(2))))
                .isEqualTo(ACCEPTED + """
                "status":"timed_out","request":{"version":"1.2.0"},""" + AT_40 + """
                "error":{"code":"deadline_exceeded","message":"past its deadline","retryable":true},"""
                + CALLER + ENDED);
    }

    @Test
    void anExpiredApprovalKeepsItsBytes() {
        Operation awaiting = Operation.awaitingApproval("0193a1b2-0000-7000-8000-000000000002", OperationType.DEPLOY,
                new Target("cart", "production"), Map.of("version", "1.2.0"), Map.of("placeholder", true), "alice",
                "acme", null, T0, Approval.pending(1, "approve_production", T0.plusSeconds(3600)), null);

        assertThat(wire(awaiting.ended(new Outcome.Expired(
                new OperationError("approval_expired", "nobody approved it", false)), T0.plusSeconds(3600))))
                .isEqualTo("""
                {"id":"0193a1b2-0000-7000-8000-000000000002","type":"deploy","target":{"service":"cart",\
                "environment":"production"},"status":"expired","request":{"version":"1.2.0"},\
                "error":{"code":"approval_expired","message":"nobody approved it","retryable":false},\
                "placeholder":{"placeholder":true},"requested_by":"alice","tenant":"acme","attempt":1,\
                "created_at":"2026-12-01T10:00:00Z","updated_at":"2026-12-01T11:00:00Z",\
                "finished_at":"2026-12-01T11:00:00Z","deadline":"2026-12-01T11:00:00Z",\
                "approval":{"required":1,"permission":"approve_production","expires_at":"2026-12-01T11:00:00Z",\
                "approvals":[]}}""");
    }

    @Test
    void anApprovedOperationKeepsItsBytes() {
        Operation awaiting = Operation.awaitingApproval("0193a1b2-0000-7000-8000-000000000003", OperationType.DEPLOY,
                new Target("cart", "production"), Map.of("version", "1.2.0"), Map.of("placeholder", true), "alice",
                "acme", null, T0, Approval.pending(1, "approve_production", T0.plusSeconds(3600)), null);

        assertThat(wire(awaiting.approved(awaiting.approval(), Map.of("placeholder", true), T0.plusSeconds(1000),
                T0.plusSeconds(100)))).isEqualTo("""
                {"id":"0193a1b2-0000-7000-8000-000000000003","type":"deploy","target":{"service":"cart",\
                "environment":"production"},"status":"queued","request":{"version":"1.2.0"},\
                "placeholder":{"placeholder":true},"requested_by":"alice","tenant":"acme","attempt":1,\
                "created_at":"2026-12-01T10:00:00Z","updated_at":"2026-12-01T10:01:40Z",\
                "deadline":"2026-12-01T10:16:40Z","approval":{"required":1,"permission":"approve_production",\
                "expires_at":"2026-12-01T11:00:00Z","approvals":[]}}""");
    }

    @Test
    void aSnapshotReadBackIsTheSameSnapshot() {
        Operation failed = RUNNING.ended(new Outcome.Failed(new OperationError("rollout_failed", "x", true)),
                T0.plusSeconds(2));

        assertThat(ContractJson.read(ContractJson.write(failed), Operation.class)).isEqualTo(failed);
    }

    @Test
    void aTerminalSnapshotWithBothOrNeitherOfResultAndErrorCannotBeMade() {
        assertThatThrownBy(() -> new Operation(QUEUED.id(), QUEUED.type(), QUEUED.target(), OperationStatus.FAILED,
                QUEUED.request(), null, null, null, null, "alice", "acme", null, 1, T0, T0, T0, T0, T0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operation(QUEUED.id(), QUEUED.type(), QUEUED.target(),
                OperationStatus.SUCCEEDED, QUEUED.request(), null, Map.of(), new OperationError("x", "y", false),
                null, "alice", "acme", null, 1, T0, T0, T0, T0, T0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String wire(Operation snapshot) {
        return new String(ContractJson.write(snapshot), StandardCharsets.UTF_8);
    }
}
