package dev.lightdevops.bench.drills.cluster;

import java.time.Duration;

/** What a cluster drill does to the system while the deploys run: one of a closed set of faults. */
public sealed interface Fault {

    /**
     * {@code kill -9} of the broker leading the partitions that carry most commands, restarted at once, every
     * {@code every} (and never before every replica is back in sync: one broker lost at a time).
     */
    record LeaderKills(Duration every) implements Fault {
    }

    /**
     * The same broker cut off instead of killed: SIGSTOP for {@code pause} (longer than the brokers' session
     * timeout, so the controller fences it and leadership moves), then SIGCONT; the next one {@code gap} after every
     * replica is back in sync.
     */
    record LeaderPauses(Duration pause, Duration gap) implements Fault {
    }

    /** {@code kill -9} of the first api instance once half of the deploys were sent; clients fail over. */
    record ApiKill() implements Fault {
    }

    default String describe() {
        return switch (this) {
            case LeaderKills kills -> "kill -9 of the leader of most commands every " + kills.every().toSeconds()
                    + " s, restarted at once";
            case LeaderPauses pauses -> "SIGSTOP of the leader of most commands for " + pauses.pause().toSeconds()
                    + " s, then SIGCONT; again " + pauses.gap().toSeconds() + " s after it is back in sync";
            case ApiKill kill -> "kill -9 of api instance A after half of the deploys; clients fail over to B";
        };
    }
}
