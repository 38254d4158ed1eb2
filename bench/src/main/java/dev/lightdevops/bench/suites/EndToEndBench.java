package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.Context;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.load.LoadResult;
import dev.lightdevops.bench.load.OpenLoop;
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

/**
 * Benchmark 2: accepted → {@code succeeded} visible to a long-poller, with a zero-duration simulated target, at a
 * fixed rate (open loop, latency from the intended start). Kafka's own EndToEndLatency on the same broker is the
 * baseline; the report gives the ratio.
 */
public final class EndToEndBench implements Suite {

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    public boolean run(Context context) throws Exception {
        Report report = context.report();
        report.tableHeader("Benchmark 2, end to end: accepted → succeeded seen by a long-poller, open loop at "
                + context.settings().endToEndRates() + " ops/s, zero-duration simulated target, one worker");
        try (Stack stack = context.newStack("e2e")) {
            stack.startBroker();
            Map<String, String> workerEnv = new HashMap<>(context.settings().workerConcurrencyEnv());
            workerEnv.put("WORKER_SIMULATED_STAGE_DURATION", "0s");
            stack.startWorker(workerEnv, context.settings().workerJvmOptions());
            Stack.App api = stack.startApi(Jdks.current(), Map.of(), context.settings().apiJvmOptions());
            ApiClient client = context.client(api.baseUrl());

            List<KafkaEndToEnd.Figures> kafka = new ArrayList<>();
            for (int i = 0; i < context.settings().runs(); i++) {
                kafka.add(KafkaEndToEnd.measure(stack.broker().bootstrapServers(), context.classpath(),
                        stack.runDirectory().resolve("end-to-end-latency-" + i + ".log"), 3000));
                System.out.println("  kafka EndToEndLatency run " + (i + 1) + ": " + kafka.get(i));
            }
            double kafkaP50 = report.figure("baseline: Kafka EndToEndLatency p50 (acks=all, 512 B)", Goal.none(),
                    kafka.stream().map(KafkaEndToEnd.Figures::p50).toList(), "ms", "average "
                            + Report.format(Report.median(kafka.stream().map(KafkaEndToEnd.Figures::average).toList()))
                            + " ms");
            double kafkaP99 = report.figure("baseline: Kafka EndToEndLatency p99", Goal.none(),
                    kafka.stream().map(KafkaEndToEnd.Figures::p99).toList(), "ms", null);

            for (double rate : context.settings().endToEndRates()) {
                measureAt(context, client, rate, kafkaP50, kafkaP99);
            }
            report.line("");
            report.line("RSS after the runs: api " + Report.format(api.process().rssMegabytes()) + " MB.");
        }
        return true;
    }

    private static void measureAt(Context context, ApiClient client, double rate, double kafkaP50, double kafkaP99)
            throws Exception {
        Report report = context.report();
        String at = " at " + Report.format(rate) + "/s";
        Poller poller = new Poller(client);
        List<LoadResult> results = Measure.repeat("e2e", context.settings().runs(), () -> OpenLoop.run(rate,
                context.settings().warmUp(), context.settings().duration(), Duration.ofSeconds(60),
                seq -> client.sendAsync(client.post("/mcp",
                                ApiClient.deployCall(seq, "e2e-" + (seq % 1000), "staging", "1.0." + seq)).build())
                        .thenCompose(answer -> {
                            String id = ApiClient.acceptedOperationId(answer);
                            return id == null
                                    ? CompletableFuture.failedFuture(new IllegalStateException(
                                            "not accepted: " + answer.statusCode() + " " + answer.body()))
                                    : poller.awaitTerminal(id, "queued");
                        })
                        .thenApply("succeeded"::equals)));
        double p50 = Report.median(Measure.each(results, LoadResult::p50));
        double p99 = Report.median(Measure.each(results, LoadResult::p99));
        report.figure("end to end p50" + at, Goal.atMost(15, "ms"), Measure.each(results, LoadResult::p50), "ms",
                String.format(Locale.ROOT, "%.1f× Kafka's p50", p50 / kafkaP50));
        report.figure("end to end p99" + at, Goal.atMost(50, "ms"), Measure.each(results, LoadResult::p99), "ms",
                String.format(Locale.ROOT, "%.1f× Kafka's p99; p99.9 %s ms", p99 / kafkaP99,
                        Report.format(Report.median(Measure.each(results, LoadResult::p999)))));
        report.figure("end to end completed" + at, Goal.atLeast(rate, "ops/s"),
                Measure.each(results, LoadResult::throughput), "ops/s",
                results.stream().mapToLong(LoadResult::errors).sum() + " failed or unfinished"
                        + results.stream().map(LoadResult::firstError).filter(e -> e != null).findFirst()
                                .map(e -> " (first: " + e.substring(0, Math.min(120, e.length())) + ")").orElse("")
                        + "; "
                        + poller.polls.get() + " polls, " + poller.unchangedAtOnce.get()
                        + " answered at once unchanged (long-poll " + (poller.unchangedAtOnce.get() * 4
                        > poller.polls.get() ? "NOT honoured: short-polling every 5 ms" : "honoured") + ")");
    }
}
