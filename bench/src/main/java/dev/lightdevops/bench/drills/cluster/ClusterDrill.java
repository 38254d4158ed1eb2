package dev.lightdevops.bench.drills.cluster;

import dev.lightdevops.bench.SuiteSetup;
import dev.lightdevops.bench.MachineFacts;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.process.ChildProcess;
import dev.lightdevops.bench.process.ClusterState;
import dev.lightdevops.bench.process.Jdks;
import dev.lightdevops.bench.process.KafkaCluster;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Report;
import dev.lightdevops.bench.status.CommandLog;
import dev.lightdevops.bench.status.StatusWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A fault drill on a real cluster: three brokers (a controller quorum of three; the apps create their topics with
 * replication 3 and {@code min.insync.replicas=2}), two api instances and three workers, each its own process. The
 * deploys of {@link DeployLoad} run while a {@link Fault} strikes; the verdict ({@link ClusterVerdict}) comes from
 * what the clients were told and what Kafka holds.
 */
public final class ClusterDrill implements Suite {

    private static final int BROKERS = 3;
    private static final int WORKERS = 3;
    /** The api's default {@code devops.api.publish-timeout}, which the harness leaves as it is. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_BUDGET = Duration.ofMinutes(3);
    /**
     * The drill's load on other targets before the drill, not judged: nine JVMs start cold together on two cores, and
     * in session 5 the api answered in seconds before any fault struck (drill-api: calls sent in its first seconds
     * took up to 55 s), as drill-broker's did before its warm-up. A fault strikes a warm system; the drill measures
     * that.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(40);
    private static final int WARM_UP_TARGETS = 50;

    private final String name;
    private final Fault fault;

    private ClusterDrill(String name, Fault fault) {
        this.name = name;
        this.fault = fault;
    }

    public static ClusterDrill leaderKill() {
        return new ClusterDrill("drill-leader", new Fault.LeaderKills(Duration.ofSeconds(10)));
    }

    public static ClusterDrill apiKill() {
        return new ClusterDrill("drill-api", new Fault.ApiKill());
    }

    public static ClusterDrill brokerPartition() {
        return new ClusterDrill("drill-partition", new Fault.LeaderPauses(Duration.ofSeconds(20),
                Duration.ofSeconds(10)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean run(SuiteSetup context) throws Exception {
        Report report = context.report();
        int deploys = context.settings().drillDeploys();
        int targets = context.settings().drillTargets();
        double rate = Double.parseDouble(System.getenv().getOrDefault("BENCH_CLUSTER_RATE", "20"));
        String stage = System.getenv().getOrDefault("BENCH_DRILL_STAGE", "50ms");
        String loadBefore = MachineFacts.loadAverage();
        report.line("");
        report.line("#### Cluster drill " + name + ": " + deploys + " deploys over " + targets + " targets at "
                + Report.format(rate) + "/s; " + BROKERS + " brokers, 2 api instances, " + WORKERS
                + " workers; " + fault.describe() + " (stage duration " + stage + ")");
        report.line("");
        try (Stack stack = context.newStack(name)) {
            long bootAt = System.nanoTime();
            KafkaCluster cluster = stack.startCluster(BROKERS);
            // One start at a time: eight JVMs starting at once on a loaded 2-core machine take many minutes each.
            Stack.App a = stack.startApi(Jdks.current(), stack.accessLog("api-a-access"),
                    stack.withPauseLog(context.settings().apiJvmOptions(), "api-a"));
            Stack.App b = stack.startApi(Jdks.current(), stack.accessLog("api-b-access"),
                    stack.withPauseLog(context.settings().apiJvmOptions(), "api-b"));
            List<ChildProcess> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                workers.add(stack.launchWorker(Map.of("WORKER_SIMULATED_STAGE_DURATION", stage),
                        stack.withPauseLog(context.settings().workerJvmOptions(), "worker-" + (i + 1))));
                Stack.awaitWorker(workers.getLast());
            }
            List<DeployLoad.Instance> apis = List.of(instance("A", a, context), instance("B", b, context));
            report.line("- everything up after " + seconds(System.nanoTime() - bootAt) + " s (load average "
                    + loadBefore + " at the start)");
            String run = name + "-" + Long.toString(System.currentTimeMillis(), 36);
            warmUp(apis, rate, run, report);
            try (StatusWatcher watcher = new StatusWatcher(stack.bootstrapServers());
                    ClusterState state = new ClusterState(stack.bootstrapServers())) {
                DeployLoad load = new DeployLoad(apis, apis.get(1), deploys, targets, rate, RETRY_BUDGET, run,
                        "cluster-");
                long origin = System.nanoTime();
                StallDumps dumps = new StallDumps(load, apis, stack.runDirectory(), origin);
                FaultInjector injector = new FaultInjector(fault, cluster, state, apis, origin);
                CompletableFuture<Void> faults = CompletableFuture.runAsync(() -> {
                    try {
                        injector.run(load, deploys);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, ApiClient.OWN_THREAD);
                List<DeployLoad.Deploy> results = load.run();
                long loadEnded = System.nanoTime();
                faults.get();
                dumps.close();
                Set<String> ids = new LinkedHashSet<>();
                results.stream().map(DeployLoad.Deploy::id).filter(java.util.Objects::nonNull).forEach(ids::add);
                load.calls().stream().filter(c -> c.outcome() instanceof Outcome.Unknown)
                        .forEach(c -> ids.add(((Outcome.Unknown) c.outcome()).id()));
                long ended = watcher.awaitTerminal(ids, Duration.ofMinutes(5));
                Thread.sleep(3000); // late snapshots (a second run, a late withdrawal) would land now
                List<FaultInjector.Event> events = injector.events();
                ClusterVerdict.Evidence evidence = new ClusterVerdict.Evidence(results, load.calls(), load.reads(),
                        watcher.history(), CommandLog.commandsPerOperation(stack.bootstrapServers(),
                                Duration.ofMinutes(2)), state.durability(),
                        fault instanceof Fault.ApiKill ? apis.get(0).name() : null,
                        events.isEmpty() ? Long.MAX_VALUE : events.get(0).atNanos(), PUBLISH_TIMEOUT);
                report.line("- topics: " + evidence.durability().entrySet().stream()
                        .collect(Collectors.groupingBy(e -> e.getValue().toString(), TreeMap::new,
                                Collectors.mapping(Map.Entry::getKey, Collectors.joining(", "))))
                        .entrySet().stream().map(e -> e.getValue() + ": " + e.getKey())
                        .collect(Collectors.joining("; ")));
                events.forEach(event -> report.line("- " + event.describe(origin)));
                report.line("- " + deploys + " deploys sent in " + seconds(loadEnded - origin) + " s, "
                        + ids.size() + " operation ids answered, " + ended + " of them ended");
                CallFigures.report(report, load.calls(), events);
                dumps.taken().forEach(dump -> report.line("- thread dump (diagnostics, not judged): " + dump));
                boolean pass = true;
                for (ClusterVerdict.Check check : ClusterVerdict.check(fault, evidence)) {
                    pass &= check.holds();
                    report.line("- " + check.promise() + ": " + (check.problems().isEmpty() ? "yes"
                            : (check.counts() ? "**no, " : "not judged here, ") + check.problems().size()
                                    + " exceptions" + (check.counts() ? "**" : "") + sample(check.problems())));
                }
                report.line("- load average " + loadBefore + " at the start, " + MachineFacts.loadAverage()
                        + " at the end");
                report.line("");
                report.line("**VERDICT " + name + ": " + (pass ? "PASS" : "FAIL") + "**");
                return pass;
            }
        }
    }

    /** {@link #WARM_UP}: the same clients at the same rate, alternately on both instances, on targets of their own. */
    private static void warmUp(List<DeployLoad.Instance> apis, double rate, String run, Report report)
            throws InterruptedException {
        int deploys = (int) (rate * WARM_UP.toSeconds());
        System.out.println("  warming up: " + deploys + " deploys at " + Report.format(rate) + "/s");
        long start = System.nanoTime();
        DeployLoad warm = new DeployLoad(apis, apis.get(1), deploys, WARM_UP_TARGETS, rate, RETRY_BUDGET,
                run + "-warm-up", "warm-up-");
        long accepted = warm.run().stream().filter(deploy -> deploy.id() != null).count();
        report.line("- warm-up (not judged): " + deploys + " deploys on " + WARM_UP_TARGETS + " other targets in "
                + seconds(System.nanoTime() - start) + " s, " + accepted + " accepted; "
                + CallFigures.summary(warm.calls()));
    }

    private static DeployLoad.Instance instance(String name, Stack.App app, SuiteSetup context) throws Exception {
        return new DeployLoad.Instance(name + " (" + app.process().name() + ")", context.client(app.baseUrl()),
                app.process());
    }

    static String sample(List<String> problems) {
        return problems.isEmpty() ? "" : " (e.g. " + String.join("; ", problems.subList(0, Math.min(3,
                problems.size()))) + ")";
    }

    private static String seconds(long nanos) {
        return Report.format(nanos / 1e9);
    }
}
