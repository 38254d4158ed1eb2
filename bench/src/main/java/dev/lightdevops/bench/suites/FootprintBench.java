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
 * Benchmark 4: start-up time to ready (api: answers MCP; worker: partitions assigned; standalone: answers MCP), and
 * RSS of api and worker at idle and after 100,000 retained operations (2,000 run for real through a worker, the rest
 * copies of a real succeeded snapshot written to ops.status), with the api's live heap after a full GC.
 */
public final class FootprintBench implements Suite {

    private static final int RETAINED = 100_000;
    private static final int REAL_DEPLOYS = 2_000;

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public boolean run(SuiteSetup context) throws Exception {
        Report report = context.report();
        report.tableHeader("Benchmark 4, footprint: start-up to ready, RSS idle and with " + RETAINED
                + " retained operations (api JVM options: '" + context.settings().apiJvmOptions() + "')");
        int runs = context.settings().runs();
        try (Stack stack = context.newStack("footprint")) {
            stack.startBroker();
            List<Double> api = new ArrayList<>();
            List<Double> worker = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Stack.App started = stack.startApi(Jdks.current(), Map.of(), context.settings().apiJvmOptions());
                api.add(started.readyAfter().toMillis() / 1000.0);
                started.process().stop();
                Stack.App startedWorker = stack.startWorker(Map.of(), context.settings().workerJvmOptions());
                worker.add(startedWorker.readyAfter().toMillis() / 1000.0);
                startedWorker.process().stop();
            }
            report.figure("api start-up to ready", Goal.none(), api, "s", "first MCP answer");
            report.figure("worker start-up to ready", Goal.none(), worker, "s", "listener has partitions assigned");

            Stack.App runningWorker = stack.startWorker(Map.of("WORKER_SIMULATED_STAGE_DURATION", "0s"),
                    context.settings().workerJvmOptions());
            Stack.App runningApi = stack.startApi(Jdks.current(), Map.of(), context.settings().apiJvmOptions());
            Thread.sleep(15_000);
            report.figure("api RSS at idle", Goal.atMost(512, "MB"), List.of(runningApi.process().rssMegabytes()),
                    "MB", null);
            report.figure("worker RSS at idle", Goal.none(), List.of(runningWorker.process().rssMegabytes()), "MB",
                    null);

            ApiClient client = context.client(runningApi.baseUrl());
            try (StatusWatcher watcher = new StatusWatcher(stack.broker().bootstrapServers())) {
                List<String> ids = DeployBatch.deploys(client, REAL_DEPLOYS, 16,
                        i -> ApiClient.deployCall(i, "fp-" + (i % 500), "staging", "1.0." + i));
                long done = watcher.awaitTerminal(ids, Duration.ofMinutes(5));
                byte[] sample = watcher.terminalSample();
                String sampleId = new String(sample)
                        .replaceAll("(?s)^.*?\"id\"\\s*:\\s*\"([^\"]+)\".*$", "$1");
                String last = RetainedOperations.write(stack.broker().bootstrapServers(), sample, sampleId,
                        RETAINED - REAL_DEPLOYS);
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (client.send(client.get("/api/v1/operations/" + last, Duration.ofSeconds(10)).build())
                        .statusCode() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                Thread.sleep(10_000);
                report.figure("api RSS with " + RETAINED + " retained operations", Goal.atMost(512, "MB"),
                        List.of(runningApi.process().rssMegabytes()), "MB", done + "/" + REAL_DEPLOYS
                                + " real deploys ended; live heap after full GC "
                                + Report.format(HeapProbe.liveHeapMegabytes(runningApi.process(), Jdks.current()))
                                + " MB; RSS after that GC " + Report.format(runningApi.process().rssMegabytes())
                                + " MB");
                report.figure("worker RSS after " + REAL_DEPLOYS + " deploys", Goal.none(),
                        List.of(runningWorker.process().rssMegabytes()), "MB", null);
            }
        }
        List<Double> standalone = new ArrayList<>();
        try (Stack stack = context.newStack("standalone")) {
            for (int i = 0; i < runs; i++) {
                Stack.App started = stack.startStandalone(Map.of());
                standalone.add(started.readyAfter().toMillis() / 1000.0);
                started.process().stop();
            }
        }
        report.figure("standalone stack start-up to ready", Goal.none(), standalone, "s",
                "broker + worker + api in one JVM, fresh data directory");
        return true;
    }
}
