package dev.lightdevops.bench.drills.cluster;

import dev.lightdevops.bench.process.ClusterState;
import dev.lightdevops.bench.status.HistoryCheck;
import dev.lightdevops.bench.status.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The verdict of a cluster drill, from what the clients were told and what Kafka holds (the {@code ops.status}
 * history and the {@code ops.commands} log): one check per promise, each with its problems. Pure logic, so it is
 * unit-tested; the drill passes only if every check that counts for its fault found nothing.
 */
final class ClusterVerdict {

    /** One promise and what broke it; {@code counts} false for a figure the drill reports but does not judge. */
    record Check(String promise, List<String> problems, boolean counts) {

        boolean holds() {
            return problems.isEmpty() || !counts;
        }
    }

    /**
     * What a drill saw.
     *
     * @param deploys every deploy, with the id it was accepted as
     * @param calls every call the clients made
     * @param reads the reads right after each acceptance on the reader instance
     * @param history {@code ops.status} in topic order
     * @param commands commands per operation id on {@code ops.commands}
     * @param durability how each contract topic was created
     * @param killedApi the api instance the fault killed, or null
     * @param killedAtNanos when it was killed (System.nanoTime)
     * @param publishTimeout the longest a call may take to be answered
     */
    record Evidence(List<DeployLoad.Deploy> deploys, List<DeployLoad.Call> calls, List<DeployLoad.Read> reads,
            List<Snapshot> history, Map<String, Integer> commands, Map<String, ClusterState.Durability> durability,
            String killedApi, long killedAtNanos, Duration publishTimeout) {
    }

    private ClusterVerdict() {
    }

    static List<Check> check(Fault fault, Evidence seen) {
        Map<String, List<Snapshot>> byOperation = new LinkedHashMap<>();
        seen.history().forEach(s -> byOperation.computeIfAbsent(s.id(), id -> new ArrayList<>()).add(s));
        List<String> acknowledged = seen.deploys().stream().map(DeployLoad.Deploy::id)
                .filter(java.util.Objects::nonNull).toList();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("every deploy accepted within its retry budget", seen.deploys().stream()
                .filter(d -> d.id() == null).map(d -> d.key() + " never accepted").toList(), true));
        checks.add(new Check("every acknowledged operation ended succeeded",
                notSucceeded(acknowledged, byOperation), true));
        List<String> unknown = seen.calls().stream().map(DeployLoad.Call::outcome)
                .filter(o -> o instanceof Outcome.Unknown).map(o -> ((Outcome.Unknown) o).id()).distinct().toList();
        checks.add(new Check("every \"outcome unknown\" settled: withdrawn without running, or succeeded",
                unsettled(unknown, byOperation), true));
        Set<String> mustHaveCommand = new LinkedHashSet<>(acknowledged);
        unknown.stream().filter(id -> !withdrawn(byOperation.get(id))).forEach(mustHaveCommand::add);
        checks.add(new Check("no call answered with an id whose command is missing from ops.commands",
                mustHaveCommand.stream().filter(id -> !seen.commands().containsKey(id))
                        .map(id -> id + " has no command").toList(), true));
        HistoryCheck.Verdict history = HistoryCheck.check(seen.history(), new LinkedHashSet<>(acknowledged));
        checks.add(new Check("no overlapping runs on one target", history.overlaps(), true));
        checks.add(new Check("runs in acceptance order per target (a deploy acknowledged before another was sent"
                + " runs first)", outOfOrder(seen.deploys(), seen.calls(), byOperation), true));
        checks.add(new Check("no operation run again after it ended", history.reExecutedAfterTerminal(), true));
        checks.add(new Check("one live operation per idempotency key (retries created no duplicate)",
                duplicates(seen.deploys(), byOperation), true));
        checks.add(new Check("every call answered: accepted, a retryable error or \"outcome unknown\"",
                unanswered(seen.calls(), seen.killedApi(), seen.killedAtNanos()), true));
        checks.add(new Check("every call answered within the publish timeout (" + seen.publishTimeout().toSeconds()
                + " s)", seen.calls().stream().filter(c -> !(c.outcome() instanceof Outcome.NoAnswer))
                .filter(c -> c.took().compareTo(seen.publishTimeout()) > 0)
                .map(c -> "deploy " + c.deploy() + " attempt " + c.attempt() + " answered after "
                        + c.took().toMillis() + " ms").toList(), true));
        checks.add(new Check("read-your-writes on the reader instance right after acceptance", seen.reads().stream()
                .filter(r -> r.status() != 200).map(r -> r.id() + " read answered " + r.status()).toList(),
                fault instanceof Fault.ApiKill));
        checks.add(new Check("contract topics created with replication 3 and min.insync.replicas 2 set on them",
                seen.durability().entrySet().stream().filter(e -> e.getValue().replication() != 3
                        || e.getValue().minInsyncReplicas() != 2 || !e.getValue().setOnTopic())
                        .map(e -> e.getKey() + ": " + e.getValue()).toList(), true));
        return checks;
    }

    private static List<String> notSucceeded(List<String> ids, Map<String, List<Snapshot>> byOperation) {
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            Snapshot end = HistoryCheck.settled(byOperation.getOrDefault(id, List.of()));
            if (end == null || !"succeeded".equals(end.status())) {
                problems.add(id + " " + (end == null ? "never ended" : end.status() + " " + end.errorCode()));
            }
        }
        return problems;
    }

    /**
     * Pairs of deploys on one target where the later run was acknowledged before the earlier run's deploy was even
     * sent. (Deploys whose calls overlap in time have no order a client could rely on; the topic decides.)
     */
    private static List<String> outOfOrder(List<DeployLoad.Deploy> deploys, List<DeployLoad.Call> calls,
            Map<String, List<Snapshot>> byOperation) {
        Map<Integer, Long> firstSent = new HashMap<>();
        Map<Integer, Long> acknowledged = new HashMap<>();
        for (DeployLoad.Call call : calls) {
            firstSent.merge(call.deploy(), call.sentNanos(), Math::min);
            if (call.outcome() instanceof Outcome.Accepted) {
                acknowledged.put(call.deploy(), call.answeredNanos());
            }
        }
        Map<String, List<DeployLoad.Deploy>> runsByTarget = new TreeMap<>();
        Map<String, Instant> firstRunning = new HashMap<>();
        for (DeployLoad.Deploy deploy : deploys) {
            Instant running = deploy.id() == null ? null : byOperation.getOrDefault(deploy.id(), List.of()).stream()
                    .filter(s -> "running".equals(s.status())).map(Snapshot::at).findFirst().orElse(null);
            if (running != null && acknowledged.containsKey(deploy.index())) {
                firstRunning.put(deploy.id(), running);
                runsByTarget.computeIfAbsent(deploy.target(), t -> new ArrayList<>()).add(deploy);
            }
        }
        List<String> problems = new ArrayList<>();
        runsByTarget.forEach((target, runs) -> {
            runs.sort(Comparator.comparing(d -> firstRunning.get(d.id())));
            for (int earlier = 0; earlier < runs.size(); earlier++) {
                for (int later = earlier + 1; later < runs.size(); later++) {
                    DeployLoad.Deploy first = runs.get(earlier);
                    DeployLoad.Deploy second = runs.get(later);
                    if (acknowledged.get(second.index()) < firstSent.get(first.index())) {
                        problems.add(target + ": " + second.key() + " was acknowledged before " + first.key()
                                + " was sent, but ran after it");
                    }
                }
            }
        });
        return problems;
    }

    private static List<String> unsettled(List<String> ids, Map<String, List<Snapshot>> byOperation) {
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            Snapshot end = HistoryCheck.settled(byOperation.getOrDefault(id, List.of()));
            if (end == null || !(end.withdrawal() || "succeeded".equals(end.status()))) {
                problems.add(id + " " + (end == null ? "never ended" : end.status() + " " + end.errorCode()));
            }
        }
        return problems;
    }

    private static boolean withdrawn(List<Snapshot> snapshots) {
        Snapshot end = snapshots == null ? null : HistoryCheck.settled(snapshots);
        return end != null && end.withdrawal();
    }

    /** Keys of the drill's deploys with more than one operation that was not withdrawn. */
    private static List<String> duplicates(List<DeployLoad.Deploy> deploys, Map<String, List<Snapshot>> byOperation) {
        Set<String> keys = new HashSet<>();
        deploys.forEach(d -> keys.add(d.key()));
        Map<String, List<String>> liveByKey = new TreeMap<>();
        byOperation.forEach((id, snapshots) -> {
            String key = snapshots.get(0).idempotencyKey();
            if (key != null && keys.contains(key) && !withdrawn(snapshots)) {
                liveByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            }
        });
        return liveByKey.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " has " + e.getValue().size() + " live operations " + e.getValue()).toList();
    }

    /** Calls without a usable answer; a call to the killed api that failed once it was killed is what a kill does. */
    private static List<String> unanswered(List<DeployLoad.Call> calls, String killedApi, long killedAtNanos) {
        List<String> problems = new ArrayList<>();
        for (DeployLoad.Call call : calls) {
            switch (call.outcome()) {
                case Outcome.Accepted accepted -> {
                }
                case Outcome.Retryable retryable -> {
                }
                case Outcome.Unknown unknown -> {
                }
                case Outcome.NoAnswer noAnswer -> {
                    if (!(call.instance().equals(killedApi) && call.answeredNanos() >= killedAtNanos)) {
                        problems.add("deploy " + call.deploy() + " on " + call.instance() + ": " + noAnswer.reason());
                    }
                }
                case Outcome.Unclear unclear -> problems.add("deploy " + call.deploy() + ": " + unclear.answer());
            }
        }
        return problems;
    }
}
