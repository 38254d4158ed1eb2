package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.SuiteSetup;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.load.LoadResult;
import dev.lightdevops.bench.load.OpenLoop;
import dev.lightdevops.bench.process.BrokerProcess;
import dev.lightdevops.bench.process.Jdks;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Goal;
import dev.lightdevops.bench.report.Report;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Benchmark 2: accepted → {@code succeeded} as a caller sees it, with a zero-duration simulated target, at a fixed
 * rate (open loop, latency from the intended start), followed two ways: a long-poll
 * ({@code GET /api/v1/operations/{id}?wait=10s}) and the operation's SSE stream. Two stacks: the standalone one
 * (broker, api and worker in one JVM) at {@code BENCH_E2E_STANDALONE_RATE}, and api, worker and broker as separate
 * processes at {@code BENCH_E2E_RATES}. Kafka's own {@code EndToEndLatency} runs against the same broker in the same
 * run, and every latency is also given as a ratio to it.
 */
public final class EndToEndBench implements Suite {

    private record Baseline(double p50, double p99) {
    }

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    public boolean run(SuiteSetup context) throws Exception {
        Report report = context.report();
        Map<String, String> workerEnv = new HashMap<>(context.settings().workerConcurrencyEnv());
        workerEnv.put("WORKER_SIMULATED_STAGE_DURATION", "0s");
        if (context.settings().standaloneRate() > 0) {
            standalone(context, workerEnv);
        }
        report.tableHeader("Benchmark 2b, end to end with api, worker and broker as separate processes: open loop at "
                + context.settings().endToEndRates() + " ops/s, zero-duration simulated target, one worker");
        try (Stack stack = context.newStack("e2e")) {
            stack.startBroker();
            Stack.App worker = stack.startWorker(workerEnv, context.settings().workerJvmOptions());
            Stack.App api = stack.startApi(Jdks.current(), Map.of(), context.settings().apiJvmOptions());
            ApiClient client = context.client(api.baseUrl());
            Baseline kafka = baseline(context, stack, stack.broker().bootstrapServers());
            for (double rate : context.settings().endToEndRates()) {
                measureAt(context, client, rate, kafka);
            }
            report.line("");
            report.line("RSS after the runs: api " + Report.format(api.process().rssMegabytes()) + " MB, worker "
                    + Report.format(worker.process().rssMegabytes()) + " MB.");
        }
        return true;
    }

    private static void standalone(SuiteSetup context, Map<String, String> workerEnv) throws Exception {
        Report report = context.report();
        report.tableHeader("Benchmark 2a, end to end on the standalone stack (one JVM): accepted → succeeded, open "
                + "loop at " + context.settings().standaloneRate() + " ops/s, zero-duration simulated target");
        try (Stack stack = context.newStack("e2e-standalone")) {
            int kafkaPort = BrokerProcess.freePort();
            Map<String, String> env = new HashMap<>(workerEnv);
            env.put("KAFKA_PORT", String.valueOf(kafkaPort));
            env.put("LIMITS_MUTATING_CALLS", "1000000000");
            env.put("LIMITS_MAX_ACTIVE_OPERATIONS", "1000000000");
            Stack.App standalone = stack.startStandalone(env);
            ApiClient client = context.client(standalone.baseUrl());
            Baseline kafka = baseline(context, stack, "127.0.0.1:" + kafkaPort);
            measureAt(context, client, context.settings().standaloneRate(), kafka);
            report.line("");
            report.line("RSS after the runs: standalone " + Report.format(standalone.process().rssMegabytes())
                    + " MB.");
        }
    }

    private static Baseline baseline(SuiteSetup context, Stack stack, String bootstrapServers) throws Exception {
        Report report = context.report();
        List<KafkaEndToEnd.Figures> kafka = new ArrayList<>();
        for (int i = 0; i < context.settings().runs(); i++) {
            kafka.add(KafkaEndToEnd.measure(bootstrapServers, context.classpath(),
                    stack.runDirectory().resolve("end-to-end-latency-" + i + ".log"), 3000));
            System.out.println("  kafka EndToEndLatency run " + (i + 1) + ": " + kafka.get(i));
        }
        double p50 = report.figure("baseline: Kafka EndToEndLatency p50 (acks=all, 512 B)", Goal.none(),
                kafka.stream().map(KafkaEndToEnd.Figures::p50).toList(), "ms", "average "
                        + Report.format(Report.median(kafka.stream().map(KafkaEndToEnd.Figures::average).toList()))
                        + " ms");
        double p99 = report.figure("baseline: Kafka EndToEndLatency p99", Goal.none(),
                kafka.stream().map(KafkaEndToEnd.Figures::p99).toList(), "ms", null);
        return new Baseline(p50, p99);
    }

    private static void measureAt(SuiteSetup context, ApiClient client, double rate, Baseline kafka) throws Exception {
        Poller poller = new Poller(client);
        SseFollower sse = new SseFollower(client);
        follow(context, client, rate, kafka, "long-poll", id -> poller.awaitTerminal(id, "queued"),
                "; " + poller.polls.get() + " polls");
        follow(context, client, rate, kafka, "SSE", sse::awaitTerminal, "");
    }

    private static void follow(SuiteSetup context, ApiClient client, double rate, Baseline kafka, String how,
            Function<String, CompletableFuture<String>> follower, String extra) throws Exception {
        Report report = context.report();
        String at = " at " + Report.format(rate) + "/s, " + how;
        List<LoadResult> results = RepeatedMeasurement.repeat("e2e " + how, context.settings().runs(),
                () -> OpenLoop.run(rate, context.settings().warmUp(), context.settings().duration(),
                Duration.ofSeconds(60),
                seq -> client.sendAsync(client.post("/mcp",
                                ApiClient.deployCall(seq, "e2e-" + (seq % 1000), "staging", "1.0." + seq)).build())
                        .thenCompose(answer -> {
                            String id = ApiClient.acceptedOperationId(answer);
                            return id == null
                                    ? CompletableFuture.failedFuture(new IllegalStateException(
                                            "not accepted: " + answer.statusCode() + " " + answer.body()))
                                    : follower.apply(id);
                        })
                        .thenApply("succeeded"::equals)));
        double p50 = Report.median(RepeatedMeasurement.each(results, LoadResult::p50));
        double p99 = Report.median(RepeatedMeasurement.each(results, LoadResult::p99));
        report.figure("end to end p50" + at, Goal.atMost(15, "ms"),
                RepeatedMeasurement.each(results, LoadResult::p50), "ms",
                String.format(Locale.ROOT, "%.1f× Kafka's p50", p50 / kafka.p50()));
        report.figure("end to end p99" + at, Goal.atMost(50, "ms"),
                RepeatedMeasurement.each(results, LoadResult::p99), "ms",
                String.format(Locale.ROOT, "%.1f× Kafka's p99; p99.9 %s ms", p99 / kafka.p99(),
                        Report.format(Report.median(RepeatedMeasurement.each(results, LoadResult::p999)))));
        report.figure("end to end completed" + at, Goal.atLeast(rate, "ops/s"),
                RepeatedMeasurement.each(results, LoadResult::throughput), "ops/s",
                results.stream().mapToLong(LoadResult::errors).sum() + " failed or unfinished"
                        + results.stream().map(LoadResult::firstError).filter(e -> e != null).findFirst()
                                .map(e -> " (first: " + e.substring(0, Math.min(120, e.length())) + ")").orElse("")
                        + extra);
    }
}
