package dev.lightdevops.bench.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks the {@code ops.status} history of a run (snapshots in log order) against the invariants a drill proves:
 * every expected operation ended, operations on one target never overlapped and ran in acceptance order, and no
 * terminal operation was executed again. Pure logic, so it is unit-tested.
 */
public final class HistoryCheck {

    private HistoryCheck() {
    }

    /**
     * The outcome of a check.
     *
     * @param missingTerminal expected operations without a terminal snapshot
     * @param overlaps descriptions of pairs of operations on one target whose runs overlapped
     * @param outOfOrder descriptions of operations on one target that ran before an earlier-accepted one
     * @param reExecutedAfterTerminal operations with a running snapshot after their terminal one
     * @param retried operations that needed more than one attempt
     * @param byStatus terminal status counts of the expected operations
     */
    public record Verdict(List<String> missingTerminal, List<String> overlaps, List<String> outOfOrder,
            List<String> reExecutedAfterTerminal, int retried, Map<String, Integer> byStatus) {

        public boolean clean() {
            return missingTerminal.isEmpty() && overlaps.isEmpty() && outOfOrder.isEmpty()
                    && reExecutedAfterTerminal.isEmpty();
        }
    }

    /** One operation's run on its target: from its first running snapshot to its last one of the run's own. */
    private record Run(String id, String target, Instant createdAt, Instant firstRunning, Instant lastActivity) {
    }

    /**
     * An operation's end as every view settles it: its first terminal snapshot in topic order, skipping a withdrawal
     * that landed after a worker's start; null if it has not ended.
     */
    public static Snapshot settled(List<Snapshot> snapshots) {
        boolean started = false;
        for (Snapshot snapshot : snapshots) {
            if (snapshot.terminal() && !(snapshot.withdrawal() && started)) {
                return snapshot;
            }
            started |= snapshot.started();
        }
        return null;
    }

    public static Verdict check(List<Snapshot> history, Set<String> expected) {
        Map<String, List<Snapshot>> byOperation = new LinkedHashMap<>();
        for (Snapshot snapshot : history) {
            byOperation.computeIfAbsent(snapshot.id(), id -> new ArrayList<>()).add(snapshot);
        }
        List<String> missing = new ArrayList<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        int retried = 0;
        for (String id : expected) {
            Snapshot terminal = settled(byOperation.getOrDefault(id, List.of()));
            List<Snapshot> snapshots = byOperation.getOrDefault(id, List.of());
            if (terminal == null) {
                missing.add(id);
            } else {
                byStatus.merge(terminal.status(), 1, Integer::sum);
            }
            if (snapshots.stream().anyMatch(s -> s.attempt() > 1)) {
                retried++;
            }
        }
        List<String> reExecuted = new ArrayList<>();
        Map<String, List<Run>> runsByTarget = new TreeMap<>();
        byOperation.forEach((id, snapshots) -> {
            boolean terminalSeen = false;
            Instant firstRunning = null;
            Instant last = null;
            boolean startSeen = false;
            for (Snapshot s : snapshots) {
                if (terminalSeen && "running".equals(s.status())) {
                    reExecuted.add(id);
                }
                terminalSeen |= s.terminal() && !(s.withdrawal() && startSeen);
                startSeen |= s.started();
                if ("running".equals(s.status()) && (firstRunning == null || s.at().isBefore(firstRunning))) {
                    firstRunning = s.at();
                }
                // A withdrawal is the api's word on the acceptance, not a run's activity (it may land long after).
                if (!"queued".equals(s.status()) && !s.withdrawal() && (last == null || s.at().isAfter(last))) {
                    last = s.at();
                }
            }
            Snapshot first = snapshots.get(0);
            if (firstRunning != null && first.target() != null) {
                runsByTarget.computeIfAbsent(first.target(), t -> new ArrayList<>())
                        .add(new Run(id, first.target(), first.createdAt(), firstRunning, last));
            }
        });
        List<String> overlaps = new ArrayList<>();
        List<String> outOfOrder = new ArrayList<>();
        runsByTarget.forEach((target, runs) -> {
            runs.sort(Comparator.comparing(Run::firstRunning));
            for (int i = 1; i < runs.size(); i++) {
                Run previous = runs.get(i - 1);
                Run next = runs.get(i);
                if (next.firstRunning().isBefore(previous.lastActivity())) {
                    overlaps.add(target + ": " + next.id() + " started at " + next.firstRunning() + " while "
                            + previous.id() + " was active until " + previous.lastActivity());
                }
                if (previous.createdAt() != null && next.createdAt() != null
                        && next.createdAt().isBefore(previous.createdAt())) {
                    outOfOrder.add(target + ": " + next.id() + " (accepted " + next.createdAt() + ") ran after "
                            + previous.id() + " (accepted " + previous.createdAt() + ")");
                }
            }
        });
        return new Verdict(missing, overlaps, outOfOrder, reExecuted.stream().distinct().toList(), retried, byStatus);
    }
}
