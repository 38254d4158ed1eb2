package dev.lightdevops.bench.drills.cluster;

import dev.lightdevops.bench.process.BrokerProcess;
import dev.lightdevops.bench.process.ClusterState;
import dev.lightdevops.bench.process.KafkaCluster;
import dev.lightdevops.bench.report.Report;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries out a {@link Fault} while the load runs, and records each occurrence: what was taken away, when, and how
 * long the cluster took to move leadership and to have every replica in sync again. Brokers are taken away one at a
 * time: a new fault waits until the previous one has healed, since the promise under test is about one broker.
 */
final class FaultInjector {

    private static final Duration MOVE_WAIT = Duration.ofSeconds(45);
    private static final Duration HEAL_WAIT = Duration.ofMinutes(3);

    /**
     * One occurrence of the fault; times are System.nanoTime. {@code healedNanos} ends the window in which calls
     * count as "during the fault" (leadership moved and every replica in sync again, or the api gone).
     */
    record Event(String what, long atNanos, long leadershipMovedNanos, long healedNanos, String note) {

        String describe(long originNanos) {
            return what + " at " + seconds(atNanos - originNanos) + " s"
                    + (leadershipMovedNanos > 0 ? "; leadership moved after " + seconds(leadershipMovedNanos - atNanos)
                            + " s" : "")
                    + (healedNanos > 0 ? "; every replica in sync again after " + seconds(healedNanos - atNanos)
                            + " s" : "")
                    + (note.isEmpty() ? "" : "; " + note);
        }

        private static String seconds(long nanos) {
            return Report.format(nanos / 1e9);
        }
    }

    private final Fault fault;
    private final KafkaCluster cluster;
    private final ClusterState state;
    private final List<DeployLoad.Instance> apis;
    private final List<Event> events = new ArrayList<>();
    private final long originNanos;

    FaultInjector(Fault fault, KafkaCluster cluster, ClusterState state, List<DeployLoad.Instance> apis,
            long originNanos) {
        this.originNanos = originNanos;
        this.fault = fault;
        this.cluster = cluster;
        this.state = state;
        this.apis = apis;
    }

    /** Acts until the load is done (or, for the api kill, once). */
    void run(DeployLoad load, int deploys) throws InterruptedException {
        switch (fault) {
            case Fault.LeaderKills kills -> {
                long next = System.nanoTime() + kills.every().toNanos();
                while (!load.done()) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    if (load.done()) {
                        return;
                    }
                    long at = takeLeaderAway(false, Duration.ZERO);
                    next = Math.max(at + kills.every().toNanos(), System.nanoTime());
                }
            }
            case Fault.LeaderPauses pauses -> {
                LockSupport.parkNanos(pauses.gap().toNanos());
                while (!load.done()) {
                    takeLeaderAway(true, pauses.pause());
                    LockSupport.parkNanos(pauses.gap().toNanos());
                }
            }
            case Fault.ApiKill kill -> {
                while (!load.done() && load.sent() < deploys / 2) {
                    Thread.sleep(20);
                }
                DeployLoad.Instance victim = apis.get(0);
                int inFlight = load.inFlight();
                long at = System.nanoTime();
                victim.process().kill9();
                events.add(new Event("kill -9 of api " + victim.name(), at, 0, System.nanoTime(),
                        load.sent() + " deploys sent, " + inFlight + " calls in flight"));
            }
        }
    }

    /** Kills or pauses the leader of most commands, brings it back, waits until it healed; returns when it struck. */
    private long takeLeaderAway(boolean pause, Duration pauseFor) throws InterruptedException {
        String note = "";
        if (!state.awaitFullyInSync(HEAL_WAIT)) {
            note = "replicas were not all in sync before it; ";
        }
        ClusterState.Leader leader = state.leaderOfMostCommands();
        boolean controller = state.activeController() == leader.broker();
        BrokerProcess victim = cluster.broker(leader.broker());
        long at = System.nanoTime();
        if (pause) {
            victim.process().pause();
        } else {
            victim.kill9();
            victim.launch();
        }
        long moved = awaitLeadershipMoved(leader.broker(), pause ? pauseFor : MOVE_WAIT, at);
        if (pause) {
            LockSupport.parkNanos(at + pauseFor.toNanos() - System.nanoTime());
            victim.process().resume();
        } else {
            victim.awaitStarted();
            note += "restarted after " + Report.format((System.nanoTime() - at) / 1e9) + " s; ";
        }
        long healed = state.awaitFullyInSync(HEAL_WAIT) ? System.nanoTime() : 0;
        String what = (pause ? "SIGSTOP of broker " : "kill -9 of broker ") + leader.broker() + " (leader of "
                + leader.partitions() + " command partitions holding " + leader.commands() + " commands"
                + (controller ? ", the active controller" : "") + ")";
        events.add(new Event(what, at, moved, healed, note + (moved == 0 ? "leadership had not moved within "
                + (pause ? pauseFor : MOVE_WAIT).toSeconds() + " s" : "")));
        System.out.println("  " + events.getLast().describe(originNanos));
        return at;
    }

    private long awaitLeadershipMoved(int broker, Duration timeout, long since) throws InterruptedException {
        long deadline = since + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (!state.leadsAny(broker)) {
                    return System.nanoTime();
                }
            } catch (IllegalStateException notAnswered) {
                // the cluster is electing: ask again
            }
            Thread.sleep(200);
        }
        return 0;
    }

    List<Event> events() {
        return List.copyOf(events);
    }
}
