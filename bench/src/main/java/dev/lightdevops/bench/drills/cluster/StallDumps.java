package dev.lightdevops.bench.drills.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Diagnostics of a cluster drill, not judged: when a call to an api instance has waited longer than {@link #STALL}
 * for its answer, that instance's threads (its virtual request threads included) are dumped into the run directory
 * with {@code jcmd Thread.dump_to_file}, at most {@link #MAX_DUMPS} per instance and one per {@link #SPACING}, so
 * that a slow answer can be traced to where the api waited. Session 5's drill-api saw instance B answer nothing for
 * 12-53 s with nothing in its log to say why (docs/benchmarks.md).
 */
final class StallDumps implements AutoCloseable {

    private static final Duration STALL = Duration.ofSeconds(10);
    private static final Duration SPACING = Duration.ofSeconds(15);
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_DUMPS = 4;

    private final DeployLoad load;
    private final List<DeployLoad.Instance> instances;
    private final Path directory;
    private final long origin;
    private final Map<String, List<Long>> dumpedAt = new HashMap<>();
    private final List<String> taken = Collections.synchronizedList(new ArrayList<>());
    private final Thread watcher;

    StallDumps(DeployLoad load, List<DeployLoad.Instance> instances, Path directory, long origin) {
        this.load = load;
        this.instances = List.copyOf(instances);
        this.directory = directory;
        this.origin = origin;
        this.watcher = Thread.ofPlatform().daemon().name("stall-dumps").start(this::watch);
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                for (DeployLoad.Instance instance : instances) {
                    OptionalLong oldest = load.oldestOpenCall(instance);
                    long now = System.nanoTime();
                    if (oldest.isPresent() && now - oldest.getAsLong() > STALL.toNanos() && instance.process().alive()
                            && mayDump(instance, now)) {
                        dump(instance, now, now - oldest.getAsLong());
                    }
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean mayDump(DeployLoad.Instance instance, long now) {
        List<Long> times = dumpedAt.computeIfAbsent(instance.name(), name -> new ArrayList<>());
        return times.size() < MAX_DUMPS && (times.isEmpty() || now - times.getLast() > SPACING.toNanos());
    }

    private void dump(DeployLoad.Instance instance, long now, long waitedNanos) throws InterruptedException {
        dumpedAt.get(instance.name()).add(now);
        String at = String.format("%.1f", (now - origin) / 1e9);
        Path file = directory.resolve("threads-" + instance.process().name() + "-at-" + at + "s.txt")
                .toAbsolutePath();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String outcome;
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(instance.process().pid()),
                    "Thread.dump_to_file", "-format=text", file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor(JCMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                outcome = file.getFileName().toString();
            } else {
                process.destroyForcibly();
                outcome = "jcmd got no answer within " + JCMD_TIMEOUT.toSeconds() + " s";
            }
        } catch (IOException failed) {
            outcome = "jcmd failed: " + failed.getMessage();
        }
        taken.add(instance.name() + " at " + at + " s (a call open for " + String.format("%.1f", waitedNanos / 1e9)
                + " s): " + outcome);
    }

    /** What was dumped, one line each. */
    List<String> taken() {
        synchronized (taken) {
            return List.copyOf(taken);
        }
    }

    @Override
    public void close() throws InterruptedException {
        watcher.interrupt();
        watcher.join();
    }
}
