package dev.lightdevops.bench.drills.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.bench.process.ClusterState;
import dev.lightdevops.bench.status.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterVerdictTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final long SECOND = 1_000_000_000L;
    private static final Map<String, ClusterState.Durability> DURABLE =
            Map.of("ops.commands", new ClusterState.Durability(3, 2, true));
    private static final Fault KILLS = new Fault.LeaderKills(Duration.ofSeconds(10));

    private final List<Snapshot> history = new ArrayList<>();
    private final List<DeployLoad.Deploy> deploys = new ArrayList<>();
    private final List<DeployLoad.Call> calls = new ArrayList<>();
    private final List<DeployLoad.Read> reads = new ArrayList<>();
    private final Map<String, Integer> commands = new java.util.HashMap<>();

    /** Deploy {@code index} accepted as {@code id} on its first call, run and succeeded, its command on the topic. */
    private void succeeded(int index, String id) {
        String key = "k-" + index;
        deploys.add(new DeployLoad.Deploy(index, key, "svc" + index + "@staging", id));
        calls.add(new DeployLoad.Call(index, 1, "A", index * SECOND, index * SECOND + 1000, new Outcome.Accepted(id)));
        reads.add(new DeployLoad.Read(index, id, 200));
        commands.put(id, 1);
        history.add(snapshot(id, "queued", null, false, key, index));
        history.add(snapshot(id, "running", null, true, key, index + 1));
        history.add(snapshot(id, "succeeded", null, true, key, index + 2));
    }

    private static Snapshot snapshot(String id, String status, String error, boolean started, String key, long at) {
        return new Snapshot(id, status, 1, "svc@" + id, T0.plusSeconds(at), T0, error, started, key);
    }

    private List<String> failing(Fault fault, String killedApi, long killedAt) {
        return ClusterVerdict.check(fault, new ClusterVerdict.Evidence(deploys, calls, reads, history, commands,
                        DURABLE, killedApi, killedAt, Duration.ofSeconds(30))).stream()
                .filter(check -> !check.holds()).map(ClusterVerdict.Check::promise).toList();
    }

    @Test
    void deploysThatAllSucceededWithTheirCommandsPassEveryCheck() {
        succeeded(1, "a");
        succeeded(2, "b");

        assertThat(failing(KILLS, null, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void anAcknowledgedIdWithoutACommandIsALoss() {
        succeeded(1, "a");
        commands.remove("a");

        assertThat(failing(KILLS, null, Long.MAX_VALUE)).singleElement().asString().contains("command is missing");
    }

    @Test
    void anAcknowledgedOperationThatWasWithdrawnDidNotSucceed() {
        deploys.add(new DeployLoad.Deploy(1, "k-1", "svc@staging", "a"));
        calls.add(new DeployLoad.Call(1, 1, "A", 0, 1000, new Outcome.Accepted("a")));
        commands.put("a", 1);
        history.add(snapshot("a", "queued", null, false, "k-1", 0));
        history.add(snapshot("a", "failed", Snapshot.NOT_ACCEPTED, false, "k-1", 1));

        assertThat(failing(KILLS, null, Long.MAX_VALUE)).singleElement().asString().contains("ended succeeded");
    }

    @Test
    void aWithdrawalAfterTheWorkersStartLeavesTheRunItsSuccess() {
        succeeded(1, "a");
        history.add(2, snapshot("a", "failed", Snapshot.NOT_ACCEPTED, false, "k-1", 2));

        assertThat(failing(KILLS, null, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void twoLiveOperationsForOneIdempotencyKeyAreADuplicateButAWithdrawnOneIsNot() {
        succeeded(1, "a");
        history.add(snapshot("withdrawn", "failed", Snapshot.NOT_ACCEPTED, false, "k-1", 5));
        assertThat(failing(KILLS, null, Long.MAX_VALUE)).isEmpty();

        history.add(snapshot("second", "queued", null, false, "k-1", 6));

        assertThat(failing(KILLS, null, Long.MAX_VALUE)).singleElement().asString().contains("no duplicate");
    }

    @Test
    void noAnswerIsExpectedOnlyFromTheKilledApiOnceItWasKilled() {
        succeeded(1, "a");
        calls.add(new DeployLoad.Call(2, 1, "A", 9 * SECOND, 10 * SECOND, new Outcome.NoAnswer("reset")));
        assertThat(failing(new Fault.ApiKill(), "A", 10 * SECOND)).isEmpty();

        assertThat(failing(new Fault.ApiKill(), "A", 11 * SECOND)).singleElement().asString()
                .contains("every call answered");
        assertThat(failing(KILLS, null, Long.MAX_VALUE)).singleElement().asString().contains("every call answered");
    }

    @Test
    void anAnswerLaterThanThePublishTimeoutIsReported() {
        succeeded(1, "a");
        calls.add(new DeployLoad.Call(1, 2, "B", 0, 31 * SECOND, new Outcome.Retryable("unavailable")));

        assertThat(failing(KILLS, null, Long.MAX_VALUE)).singleElement().asString().contains("publish timeout");
    }

    @Test
    void aReadThatMissedCountsInTheApiDrillOnly() {
        succeeded(1, "a");
        reads.set(0, new DeployLoad.Read(1, "a", 404));

        assertThat(failing(KILLS, null, Long.MAX_VALUE)).isEmpty();
        assertThat(failing(new Fault.ApiKill(), "A", Long.MAX_VALUE)).singleElement().asString()
                .contains("read-your-writes");
    }

    @Test
    void anOutcomeUnknownLeftQueuedIsUnsettled() {
        succeeded(1, "a");
        calls.add(new DeployLoad.Call(2, 1, "A", 0, SECOND, new Outcome.Unknown("u")));
        history.add(snapshot("u", "queued", null, false, "k-2", 1));
        commands.put("u", 1);

        assertThat(failing(KILLS, null, Long.MAX_VALUE)).singleElement().asString().contains("settled");
    }

    @Test
    void aTopicLeftToTheBrokerDefaultFailsTheDurabilityCheck() {
        succeeded(1, "a");

        List<String> failing = ClusterVerdict.check(KILLS, new ClusterVerdict.Evidence(deploys, calls, reads,
                        history, commands, Map.of("ops.status", new ClusterState.Durability(3, 2, false)), null,
                        Long.MAX_VALUE, Duration.ofSeconds(30))).stream()
                .filter(check -> !check.holds()).map(ClusterVerdict.Check::promise).toList();

        assertThat(failing).singleElement().asString().contains("min.insync.replicas 2");
    }

    @Test
    void aDeployAcknowledgedBeforeAnotherWasSentMustRunFirstOnItsTarget() {
        deploys.add(new DeployLoad.Deploy(1, "k-1", "svc@staging", "a"));
        deploys.add(new DeployLoad.Deploy(2, "k-2", "svc@staging", "b"));
        calls.add(new DeployLoad.Call(1, 1, "A", 0, SECOND, new Outcome.Accepted("a")));
        calls.add(new DeployLoad.Call(2, 1, "B", 2 * SECOND, 3 * SECOND, new Outcome.Accepted("b")));
        commands.put("a", 1);
        commands.put("b", 1);
        history.add(new Snapshot("b", "running", 1, "svc@staging", T0.plusSeconds(4), T0, null, true, "k-2"));
        history.add(new Snapshot("b", "succeeded", 1, "svc@staging", T0.plusSeconds(5), T0, null, true, "k-2"));
        history.add(new Snapshot("a", "running", 1, "svc@staging", T0.plusSeconds(6), T0, null, true, "k-1"));
        history.add(new Snapshot("a", "succeeded", 1, "svc@staging", T0.plusSeconds(7), T0, null, true, "k-1"));

        assertThat(failing(KILLS, null, Long.MAX_VALUE)).singleElement().asString().contains("acceptance order");

        calls.set(1, new DeployLoad.Call(2, 1, "B", SECOND / 2, 3 * SECOND, new Outcome.Accepted("b")));

        assertThat(failing(KILLS, null, Long.MAX_VALUE)).as("calls that overlap have no order").isEmpty();
    }
}
