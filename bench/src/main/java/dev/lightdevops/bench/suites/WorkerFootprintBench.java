package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.SuiteSetup;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.process.HeapProbe;
import dev.lightdevops.bench.process.Jdks;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Goal;
import dev.lightdevops.bench.report.Report;
import dev.lightdevops.bench.status.StatusWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 5, worker footprint: RSS of one worker (its default settings and JVM options, zero-duration simulated
 * deploys) after 10,000 deploys over 1,000 targets, each run on a fresh stack; the live heap after a full GC beside
 * it, so a reader can tell retained memory from heap the JVM keeps.
 */
public final class WorkerFootprintBench implements Suite {

    private static final int DEPLOYS = 10_000;
    private static final int TARGETS = 1_000;

    @Override
    public String name() {
        return "worker-footprint";
    }

    @Override
    public boolean run(SuiteSetup context) throws Exception {
        Report report = context.report();
        report.tableHeader("Benchmark 5, worker footprint: one worker, " + DEPLOYS + " zero-duration deploys over "
                + TARGETS + " targets (worker JVM options: '" + context.settings().workerJvmOptions() + "')");
        List<Double> idle = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        long ended = 0;
        for (int run = 0; run < context.settings().runs(); run++) {
            try (Stack stack = context.newStack("worker-footprint-" + run)) {
                stack.startBroker();
                Stack.App worker = stack.startWorker(Map.of("WORKER_SIMULATED_STAGE_DURATION", "0s"),
                        context.settings().workerJvmOptions());
                Stack.App api = stack.startApi(Jdks.current(), Map.of(), context.settings().apiJvmOptions());
                idle.add(worker.process().rssMegabytes());
                ApiClient client = context.client(api.baseUrl());
                try (StatusWatcher watcher = new StatusWatcher(stack.broker().bootstrapServers())) {
                    List<String> ids = DeployBatch.deploys(client, DEPLOYS, 16,
                            i -> ApiClient.deployCall(i, "wf-" + (i % TARGETS), "staging", "1.0." + i));
                    ended += watcher.awaitTerminal(ids, Duration.ofMinutes(10));
                }
                after.add(worker.process().rssMegabytes());
                heap.add(HeapProbe.liveHeapMegabytes(worker.process(), Jdks.current()));
                System.out.printf("  worker footprint run %d: idle %.0f MB, after %.0f MB, live heap %.0f MB%n",
                        run + 1, idle.getLast(), after.getLast(), heap.getLast());
            }
        }
        report.figure("worker RSS at idle (api and broker up)", Goal.none(), idle, "MB", null);
        report.figure("worker RSS after " + DEPLOYS + " deploys", Goal.atMost(384, "MB"), after, "MB",
                ended + " of " + (long) DEPLOYS * context.settings().runs() + " deploys ended; live heap after a full"
                        + " GC " + Report.format(Report.median(heap)) + " MB");
        return true;
    }
}
