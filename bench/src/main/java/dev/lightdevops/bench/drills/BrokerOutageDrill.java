package dev.lightdevops.bench.drills;

import dev.lightdevops.bench.SuiteSetup;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.load.LoadResult;
import dev.lightdevops.bench.load.OpenLoop;
import dev.lightdevops.bench.process.Jdks;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Report;
import dev.lightdevops.bench.status.Snapshot;
import dev.lightdevops.bench.status.StatusWatcher;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;

/**
 * Fault drill 2: a steady stream of deploys while the broker is stopped for 20 s and started again. Every call
 * must answer in time with either an accepted operation, a clear retryable error, or "outcome unknown" with the
 * operation id to check; every accepted operation (before, during or after the outage) must then succeed (an id for
 * a command never written would not), and every operation answered "outcome unknown" must settle once the broker is
 * back: withdrawn ({@code not_accepted}, never run) or run to success, never left in between.
 */
public final class BrokerOutageDrill implements Suite {

    private static final double RATE = 20;
    /**
     * Same load, not judged, before the drill: the broker, the worker and the api start cold, and on two cores their
     * first ~40 s of JIT compilation made calls on a healthy broker take 1-4 s each, so a call sent just before the
     * stop went past {@link #HANG} waiting in the api, not for Kafka (docs/benchmarks.md). A broker fails under a warm
     * system; the drill measures that.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(40);
    private static final Duration BEFORE = Duration.ofSeconds(15);
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration AFTER = Duration.ofSeconds(25);
    private static final Duration HANG = Duration.ofSeconds(15);
    private static final Duration SLOW = Duration.ofSeconds(10);
    private static final java.util.regex.Pattern ERROR_CODE =
            java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"");
    private static final java.util.regex.Pattern UNKNOWN_OPERATION =
            java.util.regex.Pattern.compile("outcome is unknown[^\"]*?operation ([0-9a-f-]{36})|"
                    + "whether operation ([0-9a-f-]{36}) was accepted");

    @Override
    public String name() {
        return "drill-broker";
    }

    @Override
    public boolean run(SuiteSetup context) throws Exception {
        Report report = context.report();
        report.line("");
        report.line("#### Fault drill 2: " + RATE + " deploys/s; broker stopped after " + BEFORE.toSeconds()
                + " s for " + OUTAGE.toSeconds() + " s, then " + AFTER.toSeconds() + " s more");
        report.line("");
        try (Stack stack = context.newStack("drill-broker")) {
            stack.startBroker();
            stack.startWorker(Map.of("WORKER_SIMULATED_STAGE_DURATION", "20ms"), context.settings().workerJvmOptions());
            Stack.App api = stack.startApi(Jdks.current(), stack.accessLog(), context.settings().apiJvmOptions());
            ApiClient client = context.client(api.baseUrl());
            warmUp(client, report);
            Map<String, Integer> outcomes = Collections.synchronizedMap(new TreeMap<>());
            List<String> accepted = Collections.synchronizedList(new ArrayList<>());
            List<String> unclear = Collections.synchronizedList(new ArrayList<>());
            List<String> unknown = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            dev.lightdevops.bench.load.Latency answered = new dev.lightdevops.bench.load.Latency();
            List<String> slow = Collections.synchronizedList(new ArrayList<>());
            // Each call's send and answer (epoch ms) beside the api's access log (same call ids): which side was slow.
            List<String> timings = Collections.synchronizedList(new ArrayList<>());
            try (StatusWatcher watcher = new StatusWatcher(stack.broker().bootstrapServers())) {
                long start = System.nanoTime();
                long total = BEFORE.plus(OUTAGE).plus(AFTER).toNanos();
                java.util.concurrent.atomic.AtomicLong backAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
                java.util.concurrent.atomic.AtomicLong stoppedAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
                java.util.concurrent.ConcurrentSkipListSet<Long> acceptedAt = new java.util.concurrent.ConcurrentSkipListSet<>();
                java.util.concurrent.ConcurrentSkipListSet<Long> refusedAt = new java.util.concurrent.ConcurrentSkipListSet<>();
                // On its own thread, never the common pool: java.net.http completes sendAsync's futures there
                // (ApiClient), and a task sleeping in its one worker (2 cores) held every answer until it ended.
                CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
                    try {
                        Thread.sleep(BEFORE.toMillis());
                        stoppedAt.set(System.nanoTime());
                        stack.broker().stop();
                        System.out.println("  broker stopped");
                        Thread.sleep(OUTAGE.toMillis());
                        stack.broker().start();
                        backAt.set(System.nanoTime());
                        System.out.println("  broker started again");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, ApiClient.OWN_THREAD);
                for (long i = 0; ; i++) {
                    long intended = start + (long) (i * 1e9 / RATE);
                    if (intended - start >= total) {
                        break;
                    }
                    LockSupport.parkNanos(intended - System.nanoTime());
                    long sent = System.nanoTime();
                    long sentAtMillis = System.currentTimeMillis();
                    long call = i;
                    String phase = sent < stoppedAt.get() ? "before the stop"
                            : sent < backAt.get() ? "broker down or starting" : "broker back";
                    calls.add(client.sendAsync(client.post("/mcp", ApiClient.deployCall(i, "outage-" + (i % 50),
                                    "staging", "1.0." + i)).header(Stack.CALL_HEADER, String.valueOf(i)).timeout(HANG).build())
                            // The client's request timeout covers the response's headers only (and not a
                            // request still waiting for its connection): the whole call gets HANG here.
                            .orTimeout(HANG.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                            .handle((answer, failure) -> {
                                long took = System.nanoTime() - sent;
                                if (failure == null) {
                                    synchronized (answered) {
                                        answered.recordNanos(took);
                                    }
                                }
                                String outcome = classify(answer, failure, accepted, unknown, unclear);
                                timings.add(call + "\t" + sentAtMillis + "\t" + System.currentTimeMillis() + "\t"
                                        + outcome);
                                if (took > SLOW.toNanos()) {
                                    slow.add(String.format("call %d sent %.1f s into the run, %s after %.1f s",
                                            call, (sent - start) / 1e9, outcome, took / 1e9));
                                }
                                (outcome.equals("accepted") ? acceptedAt : refusedAt).add(sent);
                                outcomes.merge(phase + ": " + outcome, 1, Integer::sum);
                                return null;
                            }));
                }
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
                outage.get();
                long ended = watcher.awaitTerminal(accepted, Duration.ofMinutes(3));
                List<String> notSucceeded = new ArrayList<>();
                for (String id : accepted) {
                    Snapshot terminal = watcher.terminalOf(id);
                    if (terminal == null || !"succeeded".equals(terminal.status())) {
                        notSucceeded.add(id + " " + (terminal == null ? "never ended"
                                : terminal.status() + " " + terminal.errorCode()));
                    }
                }
                watcher.awaitTerminal(unknown, Duration.ofMinutes(2));
                List<String> unsettled = new ArrayList<>();
                for (String id : unknown) {
                    Snapshot terminal = watcher.terminalOf(id);
                    boolean settled = terminal != null && ("succeeded".equals(terminal.status())
                            || "not_accepted".equals(terminal.errorCode()));
                    if (!settled) {
                        unsettled.add(id + " " + (terminal == null ? "never ended"
                                : terminal.status() + " " + terminal.errorCode()));
                    }
                }
                java.nio.file.Files.write(stack.runDirectory().resolve("calls.tsv"), timings);
                outcomes.forEach((outcome, count) -> report.line("- " + outcome + ": " + count));
                report.line("- the broker was stopped " + Report.format((stoppedAt.get() - start) / 1e9)
                        + " s into the run; each call's send and answer: " + stack.runDirectory().resolve("calls.tsv")
                        + ", the api's side: its access log there");
                report.line("- the broker was down or starting for "
                        + Report.format((backAt.get() - stoppedAt.get()) / 1e9) + " s (stop " + OUTAGE.toSeconds()
                        + " s + its restart)");
                Long firstAccepted = acceptedAt.ceiling(backAt.get());
                Long lastRefused = refusedAt.isEmpty() ? null : refusedAt.last();
                report.line("- after the broker was back: first call accepted after "
                        + (firstAccepted == null ? "none" : Report.format((firstAccepted - backAt.get()) / 1e9) + " s")
                        + ", last retryable error "
                        + (lastRefused == null || lastRefused < backAt.get() ? "before it"
                                : Report.format((lastRefused - backAt.get()) / 1e9) + " s after"));
                report.line("- time to an answer (calls answered): p50 " + Report.format(answered.millisAt(50) / 1e3)
                        + " s, p99 " + Report.format(answered.millisAt(99) / 1e3) + " s, max "
                        + Report.format(answered.maxMillis() / 1e3) + " s (a call unanswered after "
                        + HANG.toSeconds() + " s is a hang); over " + SLOW.toSeconds() + " s: " + slow.size()
                        + WorkerKillDrill.sample(slow));
                slow.forEach(call -> System.out.println("  slow call: " + call));
                report.line("- accepted " + accepted.size() + ", ended " + ended + ", not succeeded: "
                        + notSucceeded.size() + WorkerKillDrill.sample(notSucceeded));
                report.line("- unclear answers (not accepted, not a retryable error) or hangs: " + unclear.size()
                        + WorkerKillDrill.sample(unclear));
                report.line("- answered \"outcome unknown\" with the id: " + unknown.size() + ", not settled (neither "
                        + "withdrawn nor succeeded) after the broker was back: " + unsettled.size()
                        + WorkerKillDrill.sample(unsettled));
                boolean pass = notSucceeded.isEmpty() && unclear.isEmpty() && unsettled.isEmpty();
                report.line("");
                report.line("**VERDICT drill-broker: " + (pass ? "PASS" : "FAIL") + "**");
                return pass;
            }
        }
    }

    private static void warmUp(ApiClient client, Report report) throws InterruptedException {
        System.out.println("  warming up: " + RATE + " deploys/s for " + WARM_UP.toSeconds() + " s");
        LoadResult warm = OpenLoop.run(RATE, Duration.ZERO, WARM_UP, HANG, i -> client.sendAsync(client.post("/mcp",
                        ApiClient.deployCall(i, "warm-up-" + (i % 50), "staging", "1.0." + i)).timeout(HANG).build())
                .thenApply(answer -> ApiClient.acceptedOperationId(answer) != null));
        report.line("- warm-up (not judged): the same load for " + WARM_UP.toSeconds() + " s on other targets, "
                + warm.ok() + " accepted, " + warm.errors() + " not; answer time p50 "
                + Report.format(warm.p50() / 1e3) + " s, p99 " + Report.format(warm.p99() / 1e3) + " s");
    }

    private static String classify(HttpResponse<String> answer, Throwable failure, List<String> accepted,
            List<String> unknown, List<String> unclear) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            boolean hang = cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException;
            unclear.add(hang ? "no answer within " + HANG.toSeconds() + " s" : cause.toString());
            return hang ? "HANG" : "transport error";
        }
        String id = ApiClient.acceptedOperationId(answer);
        if (id != null) {
            accepted.add(id);
            return "accepted";
        }
        java.util.regex.Matcher unknownOperation = UNKNOWN_OPERATION.matcher(answer.body());
        if (answer.body().contains("outcome_unknown") && unknownOperation.find()) {
            unknown.add(unknownOperation.group(1) != null ? unknownOperation.group(1) : unknownOperation.group(2));
            return "outcome unknown, with the id to check";
        }
        if (answer.body().contains("\"retryable\":true") || answer.body().contains("retryable: true")
                || answer.statusCode() == 503) {
            java.util.regex.Matcher code = ERROR_CODE.matcher(answer.body());
            return "retryable error" + (code.find() ? " (" + code.group(1) + ")" : "");
        }
        unclear.add(answer.statusCode() + " " + answer.body().substring(0, Math.min(200, answer.body().length())));
        return "unclear error";
    }
}
