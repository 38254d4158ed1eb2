package dev.lightdevops.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A JVM the harness started as its own OS process (broker, api, worker, standalone), with its output in a log file.
 * Drills need real processes: {@code kill -9} of a worker or a stopped broker cannot be simulated inside one JVM.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    private long startedAtNanos;
    private volatile boolean paused;

    public ChildProcess(String name, List<String> command, Map<String, String> environment, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /** Starts (or starts again) the process; its output is appended to the log file. */
    public ChildProcess start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            startedAtNanos = System.nanoTime();
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    public long startedAtNanos() {
        return startedAtNanos;
    }

    /** Waits until the log (since the last start, counted from {@code fromLine}) has a line matching {@code pattern}. */
    public Duration awaitLog(Pattern pattern, int fromLine, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            List<String> lines = lines();
            for (int i = fromLine; i < lines.size(); i++) {
                if (pattern.matcher(lines.get(i)).find()) {
                    return Duration.ofNanos(System.nanoTime() - startedAtNanos);
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " did not log /" + pattern + "/ within " + timeout + "; see " + log);
    }

    public int countLog(Pattern pattern, int fromLine) {
        List<String> lines = lines();
        int count = 0;
        for (int i = fromLine; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                count++;
            }
        }
        return count;
    }

    public int logLines() {
        return lines().size();
    }

    private List<String> lines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident set size in MB, from /proc (what the kernel charges the process, heap or not). */
    public double rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            return Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed (the crash a drill needs). */
    public void kill9() throws InterruptedException {
        if (alive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        paused = false;
    }

    /**
     * SIGSTOP: the process stops where it is, its sockets stay open and answer nothing, like a host cut off the
     * network (its peers see timeouts, not refused connections). {@link #resume()} lets it go on.
     */
    public void pause() throws InterruptedException {
        signal("STOP");
        paused = true;
    }

    /** SIGCONT after {@link #pause()}; a no-op otherwise. */
    public void resume() throws InterruptedException {
        if (paused) {
            signal("CONT");
            paused = false;
        }
    }

    private void signal(String name) throws InterruptedException {
        if (!alive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal " + name, e);
        }
    }

    /** SIGKILL without waiting (from a shutdown hook). */
    public void destroyNow() {
        if (alive()) {
            process.destroyForcibly();
        }
    }

    /** SIGTERM and wait: a graceful stop (of a paused process too: it is resumed first). */
    public void stop() throws InterruptedException {
        resume();
        if (alive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
