package dev.lightdevops.bench.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private static Snapshot at(String id, String status, int attempt, String target, long millis, long createdMillis) {
        return new Snapshot(id, status, attempt, target, T0.plusMillis(millis), T0.plusMillis(createdMillis), null);
    }

    @Test
    void sequentialRunsOnOneTargetAreClean() {
        List<Snapshot> history = List.of(
                at("a", "queued", 1, "svc@staging", 0, 0), at("b", "queued", 1, "svc@staging", 1, 1),
                at("a", "running", 1, "svc@staging", 5, 0), at("a", "succeeded", 1, "svc@staging", 10, 0),
                at("b", "running", 1, "svc@staging", 10, 1), at("b", "succeeded", 1, "svc@staging", 20, 1));

        HistoryCheck.Verdict verdict = HistoryCheck.check(history, Set.of("a", "b"));

        assertThat(verdict.clean()).isTrue();
        assertThat(verdict.byStatus()).containsEntry("succeeded", 2);
        assertThat(verdict.retried()).isZero();
    }

    @Test
    void overlappingRunsOnOneTargetAreReported() {
        List<Snapshot> history = List.of(
                at("a", "running", 1, "svc@staging", 5, 0), at("b", "running", 1, "svc@staging", 8, 1),
                at("a", "succeeded", 1, "svc@staging", 10, 0), at("b", "succeeded", 1, "svc@staging", 20, 1));

        HistoryCheck.Verdict verdict = HistoryCheck.check(history, Set.of("a", "b"));

        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.overlaps()).singleElement().asString().contains("b started").contains("a was active");
    }

    @Test
    void runsOnDifferentTargetsMayOverlap() {
        List<Snapshot> history = List.of(
                at("a", "running", 1, "one@staging", 5, 0), at("b", "running", 1, "two@staging", 6, 1),
                at("a", "succeeded", 1, "one@staging", 10, 0), at("b", "succeeded", 1, "two@staging", 11, 1));

        assertThat(HistoryCheck.check(history, Set.of("a", "b")).clean()).isTrue();
    }

    @Test
    void aRetriedOperationIsCountedAndItsKilledAttemptStillBlocksTheTarget() {
        List<Snapshot> history = List.of(
                at("a", "running", 1, "svc@staging", 5, 0), at("a", "running", 2, "svc@staging", 50, 0),
                at("b", "running", 1, "svc@staging", 40, 1), at("a", "succeeded", 2, "svc@staging", 60, 0),
                at("b", "succeeded", 1, "svc@staging", 70, 1));

        HistoryCheck.Verdict verdict = HistoryCheck.check(history, Set.of("a", "b"));

        assertThat(verdict.retried()).isEqualTo(1);
        assertThat(verdict.overlaps()).hasSize(1);
    }

    @Test
    void laterAcceptedOperationRunningFirstIsOutOfOrder() {
        List<Snapshot> history = List.of(
                at("b", "running", 1, "svc@staging", 5, 2), at("b", "succeeded", 1, "svc@staging", 6, 2),
                at("a", "running", 1, "svc@staging", 7, 1), at("a", "succeeded", 1, "svc@staging", 8, 1));

        assertThat(HistoryCheck.check(history, Set.of("a", "b")).outOfOrder()).hasSize(1);
    }

    @Test
    void missingTerminalAndReExecutionAfterTerminalAreReported() {
        List<Snapshot> history = List.of(
                at("a", "running", 1, "svc@staging", 5, 0), at("a", "succeeded", 1, "svc@staging", 6, 0),
                at("a", "running", 2, "svc@staging", 9, 0), at("b", "queued", 1, "other@staging", 1, 1));

        HistoryCheck.Verdict verdict = HistoryCheck.check(history, Set.of("a", "b"));

        assertThat(verdict.missingTerminal()).containsExactly("b");
        assertThat(verdict.reExecutedAfterTerminal()).containsExactly("a");
        assertThat(verdict.clean()).isFalse();
    }

    @Test
    void aWithdrawalAfterAWorkersStartEndsNothingAndOneBeforeItEndsTheOperation() {
        Snapshot withdrawal = new Snapshot("a", "failed", 1, "svc@staging", T0.plusMillis(6), T0, "not_accepted",
                false, "key-a");
        Snapshot early = new Snapshot("b", "failed", 1, "other@staging", T0.plusMillis(2), T0, "not_accepted",
                false, "key-b");
        List<Snapshot> history = List.of(
                at("a", "running", 1, "svc@staging", 5, 0), withdrawal, at("a", "succeeded", 1, "svc@staging", 9, 0),
                early);

        HistoryCheck.Verdict verdict = HistoryCheck.check(history, Set.of("a", "b"));

        assertThat(verdict.byStatus()).containsEntry("succeeded", 1).containsEntry("failed", 1);
        assertThat(verdict.reExecutedAfterTerminal()).isEmpty();
        assertThat(HistoryCheck.settled(List.of(history.get(0), withdrawal, history.get(2))).status())
                .isEqualTo("succeeded");
    }

    @Test
    void aWithdrawalLandingAfterARunEndedIsNoActivityOfThatRun() {
        Snapshot lateWithdrawal = new Snapshot("a", "failed", 1, "svc@staging", T0.plusMillis(30), T0,
                "not_accepted", false, "key-a");
        List<Snapshot> history = List.of(
                at("a", "running", 1, "svc@staging", 5, 0), at("a", "succeeded", 1, "svc@staging", 9, 0),
                at("b", "running", 1, "svc@staging", 12, 10), lateWithdrawal,
                at("b", "succeeded", 1, "svc@staging", 40, 10));

        HistoryCheck.Verdict verdict = HistoryCheck.check(history, Set.of("a", "b"));

        assertThat(verdict.overlaps()).isEmpty();
        assertThat(verdict.clean()).isTrue();
    }

    @Test
    void aRunStillActiveWhenTheNextStartsOverlaps() {
        List<Snapshot> history = List.of(
                at("a", "running", 1, "svc@staging", 5, 0), at("b", "running", 1, "svc@staging", 12, 10),
                at("a", "succeeded", 1, "svc@staging", 30, 0), at("b", "succeeded", 1, "svc@staging", 40, 10));

        assertThat(HistoryCheck.check(history, Set.of("a", "b")).overlaps()).hasSize(1);
    }
}
