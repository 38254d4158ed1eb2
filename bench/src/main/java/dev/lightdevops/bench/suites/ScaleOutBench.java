package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.SuiteSetup;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.process.ChildProcess;
import dev.lightdevops.bench.process.Jdks;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Goal;
import dev.lightdevops.bench.report.Report;
import dev.lightdevops.bench.status.Snapshot;
import dev.lightdevops.bench.status.StatusWatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Benchmark 3: 500 simulated deploys of 1 s each on 500 distinct targets, with 1, 2 and 4 worker processes, and with
 * one worker at key-level concurrency 256. A deploy lasts 1 s because the simulated target is set to one replica
 * (5 stages: validate, pull image, rolling update, health check, traffic shift) of 200 ms each. Throughput = deploys
 * that ended / time from the first acceptance to the last end (or to the cap, if not all ended), also given per worker
 * against the ceiling its concurrency allows (concurrency / 1 s). Each configuration gets a fresh broker, so none
 * inherits a backlog, and a warm-up of dry-run deploys first, so the batch is not submitted by a cold api.
 */
public final class ScaleOutBench implements Suite {

    private static final Pattern REVOKED = Pattern.compile(
            "(partitions revoked|Revoke previously assigned partitions).*ops\\.commands-", Pattern.CASE_INSENSITIVE);
    private static final int TARGETS = 500;
    private static final int DEFAULT_CONCURRENCY = 8;
    private static final double DEPLOY_SECONDS = 1.0;
    /** Concurrent clients submitting the batch, as many as the acceptance benchmark's. */
    private static final int SUBMITTERS = 64;
    private static final Duration WARM_UP = Duration.ofSeconds(30);
    private static final Map<String, String> ONE_SECOND_DEPLOYS = Map.of(
            "DEPLOY_SIMULATED_REPLICAS", "1", "WORKER_SIMULATED_STAGE_DURATION", "200ms");

    @Override
    public String name() {
        return "scaleout";
    }

    @Override
    public boolean run(SuiteSetup context) throws Exception {
        Report report = context.report();
        report.tableHeader("Benchmark 3, scale-out: " + TARGETS + " deploys of 1 s (1 replica: 5 stages of 200 ms) on "
                + TARGETS + " targets; cap " + context.settings().scaleOutCap().toSeconds() + " s per run");
        Map<String, String> concurrency = context.settings().workerConcurrencyEnv();
        Map<Integer, List<Double>> byWorkers = new HashMap<>();
        for (int workers : new int[] {1, 2, 4}) {
            List<Double> runs = new ArrayList<>();
            for (int run = 0; run < context.settings().runs(); run++) {
                runs.add(measure(context, workers, Map.of(), "w" + workers + "-" + run).throughput);
            }
            byWorkers.put(workers, runs);
            report.figure(workers + " worker process" + (workers > 1 ? "es" : "") + " (default concurrency)",
                    Goal.none(), runs, "deploys/s", perWorker(Report.median(runs), workers, DEFAULT_CONCURRENCY));
        }
        double one = Report.median(byWorkers.get(1));
        double four = Report.median(byWorkers.get(4));
        report.line("| 4 workers / 1 worker | ≥ 3.5× | **" + Report.format(four / one) + "×** | | "
                + Goal.atLeast(3.5, "×").verdict(four / one) + " | |");
        if (concurrency.isEmpty()) {
            report.line("| 1 worker at key-level concurrency 256 | ≥ 200 deploys/s | not available yet "
                    + "(no concurrency setting known: set BENCH_WORKER_CONCURRENCY_ENV) | | | |");
            return true;
        }
        List<Double> runs = new ArrayList<>();
        int revoked = 0;
        for (int run = 0; run < context.settings().runs(); run++) {
            Outcome outcome = measure(context, 1, concurrency, "c256-" + run);
            runs.add(outcome.throughput);
            revoked += outcome.revocations;
        }
        int configured = Integer.parseInt(concurrency.getOrDefault("WORKER_CONCURRENCY",
                String.valueOf(DEFAULT_CONCURRENCY)));
        report.figure("1 worker at key-level concurrency 256 (" + concurrency + ")", Goal.atLeast(200, "deploys/s"),
                runs, "deploys/s", perWorker(Report.median(runs), 1, configured) + "; "
                        + (revoked == 0 ? "no rebalance" : revoked + " partition revocations after start"));
        return true;
    }

    /**
     * Dry-run deploys (the api's whole acceptance path; a worker only reads the ledger and ends them) for
     * {@link #WARM_UP}, all ended before the measured batch. Without it the batch measured the cold api: its first
     * acceptances took 1-4 s each on two cores, and the workers ended each deploy 1-2 s after it was accepted.
     */
    private static void warmUp(ApiClient client, StatusWatcher watcher, String label) throws InterruptedException {
        List<String> warm = DeployBatch.deploysFor(client, WARM_UP, SUBMITTERS,
                i -> ApiClient.dryRunDeployCall(i, "so-warm-" + label + "-" + (i % TARGETS), "staging", "0.9." + i));
        long ended = watcher.awaitTerminal(warm, Duration.ofSeconds(60));
        System.out.printf("  %s: warm-up: %d dry-run deploys accepted in %d s, %d ended%n", label, warm.size(),
                WARM_UP.toSeconds(), ended);
    }

    /** Throughput per worker against what its concurrency allows with deploys of {@link #DEPLOY_SECONDS}. */
    private static String perWorker(double throughput, int workers, int concurrency) {
        double ceiling = concurrency / DEPLOY_SECONDS;
        double each = throughput / workers;
        return String.format(java.util.Locale.ROOT, "%s /s per worker = %.0f %% of the ceiling %s /s (concurrency %d"
                + " / %s s)", Report.format(each), 100 * each / ceiling, Report.format(ceiling), concurrency,
                Report.format(DEPLOY_SECONDS));
    }

    private record Outcome(double throughput, int revocations) {
    }

    private Outcome measure(SuiteSetup context, int workers, Map<String, String> extraEnv, String label)
            throws Exception {
        try (Stack stack = context.newStack("scaleout-" + label)) {
            stack.startBroker();
            Map<String, String> env = new HashMap<>(extraEnv);
            env.putAll(ONE_SECOND_DEPLOYS);
            List<ChildProcess> started = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                started.add(stack.launchWorker(env, context.settings().workerJvmOptions()));
            }
            Stack.App api = stack.startApi(Jdks.current(), Map.of(), context.settings().apiJvmOptions());
            for (ChildProcess worker : started) {
                Stack.awaitWorker(worker);
            }
            Thread.sleep(3000); // let the group settle after the last join
            ApiClient client = context.client(api.baseUrl());
            try (StatusWatcher watcher = new StatusWatcher(stack.broker().bootstrapServers())) {
                warmUp(client, watcher, label);
                int[] linesAtStart = started.stream().mapToInt(ChildProcess::logLines).toArray();
                Instant firstAccepted = Instant.now();
                List<String> ids = DeployBatch.deploys(client, TARGETS, SUBMITTERS,
                        i -> ApiClient.deployCall(i, "so-" + label + "-" + i, "staging", "1.0." + i));
                long done = watcher.awaitTerminal(ids, context.settings().scaleOutCap()
                        .minus(Duration.between(firstAccepted, Instant.now())));
                Instant lastEnd = ids.stream().map(watcher::terminalOf).filter(Objects::nonNull)
                        .map(Snapshot::at).max(Instant::compareTo).orElse(Instant.now());
                double seconds = done == ids.size() ? Duration.between(firstAccepted, lastEnd).toMillis() / 1000.0
                        : Duration.between(firstAccepted, Instant.now()).toMillis() / 1000.0;
                int revocations = 0;
                for (int i = 0; i < started.size(); i++) {
                    revocations += started.get(i).countLog(REVOKED, linesAtStart[i]);
                }
                System.out.printf("  %s: %d/%d ended in %.1f s, %d revocations%n", label, done, ids.size(), seconds,
                        revocations);
                return new Outcome(done / seconds, revocations);
            }
        }
    }
}
