package dev.lightdevops.bench.drills;

import dev.lightdevops.bench.SuiteSetup;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.process.ChildProcess;
import dev.lightdevops.bench.process.Jdks;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Report;
import dev.lightdevops.bench.status.HistoryCheck;
import dev.lightdevops.bench.status.StatusWatcher;
import dev.lightdevops.bench.suites.DeployBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Fault drill 1: deploys over a set of targets while one of three worker processes is {@code kill -9}ed every 5 s
 * and started again. Verdict from the {@code ops.status} history: every operation ended, no two operations on one
 * target overlapped or ran out of acceptance order, no terminal operation ran again; attempts > 1 are counted.
 */
public final class WorkerKillDrill implements Suite {

    private static final int WORKERS = 3;
    private static final Duration KILL_EVERY = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "drill-kill";
    }

    @Override
    public boolean run(SuiteSetup context) throws Exception {
        Report report = context.report();
        int deploys = context.settings().drillDeploys();
        int targets = context.settings().drillTargets();
        String stage = System.getenv().getOrDefault("BENCH_DRILL_STAGE", "50ms");
        report.line("");
        report.line("#### Fault drill 1: " + deploys + " deploys over " + targets + " targets, " + WORKERS
                + " workers, one kill -9 every " + KILL_EVERY.toSeconds() + " s (stage duration " + stage + ")");
        report.line("");
        try (Stack stack = context.newStack("drill-kill")) {
            stack.startBroker();
            Map<String, String> env = new HashMap<>();
            env.put("WORKER_SIMULATED_STAGE_DURATION", stage);
            List<ChildProcess> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                workers.add(stack.launchWorker(env, context.settings().workerJvmOptions()));
            }
            Stack.App api = stack.startApi(Jdks.current(), Map.of(), context.settings().apiJvmOptions());
            for (ChildProcess worker : workers) {
                Stack.awaitWorker(worker);
            }
            ApiClient client = context.client(api.baseUrl());
            try (StatusWatcher watcher = new StatusWatcher(stack.broker().bootstrapServers())) {
                long start = System.nanoTime();
                CompletableFuture<List<String>> submitted = CompletableFuture.supplyAsync(() -> {
                    try {
                        return DeployBatch.deploys(client, deploys, 4, i -> ApiClient.deployCall(i,
                                "kill-" + (i % targets), "staging", "1.0." + i));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, ApiClient.OWN_THREAD);
                int kills = 0;
                Duration killFor = Duration.ofSeconds(Long.parseLong(
                        System.getenv().getOrDefault("BENCH_DRILL_KILL_SECONDS", "90")));
                while (System.nanoTime() - start < killFor.toNanos()
                        && !(submitted.isDone() && watcher.terminalCount(submitted.join()) == deploys)) {
                    Thread.sleep(KILL_EVERY.toMillis());
                    ChildProcess victim = workers.get(kills % WORKERS);
                    victim.kill9();
                    victim.start();
                    kills++;
                }
                List<String> ids = submitted.get();
                long ended = watcher.awaitTerminal(ids, Duration.ofMinutes(5));
                Thread.sleep(2000); // late snapshots (a re-execution after terminal) would land now
                HistoryCheck.Verdict verdict = HistoryCheck.check(watcher.history(), new LinkedHashSet<>(ids));
                report.line("- accepted " + ids.size() + ", ended " + ended + " " + verdict.byStatus() + ", "
                        + kills + " kills in " + (System.nanoTime() - start) / 1_000_000_000 + " s");
                report.line("- operations with attempt > 1: **" + verdict.retried() + "**");
                report.line("- never ended: " + verdict.missingTerminal().size() + sample(verdict.missingTerminal()));
                report.line("- overlapping runs on one target: " + verdict.overlaps().size()
                        + sample(verdict.overlaps()));
                report.line("- out of acceptance order: " + verdict.outOfOrder().size() + sample(verdict.outOfOrder()));
                report.line("- executed again after terminal: " + verdict.reExecutedAfterTerminal().size()
                        + sample(verdict.reExecutedAfterTerminal()));
                report.line("");
                report.line("**VERDICT drill-kill: " + (verdict.clean() ? "PASS" : "FAIL") + "**");
                return verdict.clean();
            }
        }
    }

    static String sample(List<String> problems) {
        return problems.isEmpty() ? "" : " (e.g. " + String.join("; ", problems.subList(0, Math.min(3,
                problems.size()))) + ")";
    }
}
