package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.SuiteSetup;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.load.Wrk;
import dev.lightdevops.bench.process.Jdks;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Goal;
import dev.lightdevops.bench.report.Report;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Benchmark 1: how fast the api accepts and answers, over real HTTP, with a real broker and no worker (commands
 * queue in Kafka; only the api's path is measured). First the framework floor: the harness's own bare Spring Boot app
 * ({@code bench/floor}) answering a JSON-RPC ping on the same JDK, JVM options and load; then the api. Every figure is
 * reported as an absolute and as a ratio to the floor of the same run. Load: wrk (see {@link Wrk}), 2 threads,
 * {@code BENCH_CLIENTS} connections, a warm-up run per figure (discarded) and then {@code BENCH_RUNS} measured runs;
 * the spread of those runs is reported, so a skeptic can see whether the JIT had settled.
 */
public final class AcceptanceBench implements Suite {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    private static final String DEPLOY = "\"/mcp\", '{\"jsonrpc\":\"2.0\",\"id\":' .. seq .. ',\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"deploy_service\",\"arguments\":{\"service\":\"svc-' .. (seq % 500) .. '\","
            + "\"version\":\"1.0.' .. seq .. '\",\"environment\":\"staging\"}}}'";
    private static final String GET_OPERATION = "\"/mcp\", '{\"jsonrpc\":\"2.0\",\"id\":' .. seq .. ',\"method\":"
            + "\"tools/call\",\"params\":{\"name\":\"get_operation\",\"arguments\":{\"id\":\"' .. ids[seq % #ids + 1]"
            + " .. '\"}}}'";
    private static final String REST_GET = "\"/api/v1/operations/\" .. ids[seq % #ids + 1], nil";
    private static final String SEED_DEPLOY = "\"/mcp/tools/deploy_service\", '{\"service\":\"seed-' .. (seq % 500)"
            + " .. '\",\"version\":\"3.0.' .. seq .. '\",\"environment\":\"staging\"}'";

    @Override
    public String name() {
        return "acceptance";
    }

    @Override
    public boolean run(SuiteSetup context) throws Exception {
        if (!Wrk.available()) {
            throw new IllegalStateException("wrk is not installed: bench/run.sh installs Debian's package");
        }
        Report report = context.report();
        int runs = context.settings().runs();
        Duration warmUp = context.settings().warmUp();
        Duration duration = context.settings().duration();
        int clients = context.settings().clients();
        report.tableHeader("Benchmark 1, acceptance: floor and api on " + Jdks.describe(Jdks.current()) + ", JVM "
                + "options '" + context.settings().apiJvmOptions() + "', wrk 2 threads x " + clients
                + " connections, " + warmUp.toSeconds() + " s warm-up then " + runs + " x " + duration.toSeconds()
                + " s per figure");
        List<String> chosen = context.settings().acceptanceFigures();
        try (Stack stack = context.newStack("acceptance")) {
            Wrk wrk = new Wrk(stack.runDirectory().resolve("wrk"), 2, clients);
            double floor = Double.NaN;
            if (chosen.contains("floor")) {
                Stack.App floorApp = stack.startFloor(Jdks.current(), context.settings().apiJvmOptions());
                List<Wrk.Result> floorRuns = measure(wrk, floorApp.baseUrl(), "floor ping",
                        new Wrk.Call("POST", "/mcp", PING, null, null, Map.of()), warmUp, duration, runs);
                floorApp.process().stop();
                floor = figure(report, "framework floor: bare Spring Boot JSON-RPC ping", floorRuns, Goal.none(),
                        Goal.none(), Double.NaN, null);
            }
            stack.startBroker();
            Stack.App api = stack.startApi(Jdks.current(), Map.of(), context.settings().apiJvmOptions());
            ApiClient client = context.client(api.baseUrl());
            Map<String, String> auth = client.authorization() == null ? Map.of()
                    : Map.of("Authorization", client.authorization());
            if (chosen.contains("ping")) {
                figure(report, "MCP ping", measure(wrk, api.baseUrl(), "api ping",
                        new Wrk.Call("POST", "/mcp", PING, null, null, auth), warmUp, duration, runs),
                        Goal.none(), Goal.none(), floor, "target ≥ 0.50 of the floor");
            }
            if (chosen.contains("deploy")) {
                figure(report, "MCP tools/call deploy_service", measure(wrk, api.baseUrl(), "deploy",
                        new Wrk.Call("POST", "/mcp", null, DEPLOY, null, auth), warmUp, duration, runs),
                        Goal.atLeast(5000, "/s"), Goal.atMost(20, "ms"), floor, "zero error answers required");
            }
            if (chosen.contains("get") || chosen.contains("rest")) {
                String ids = "ids = {" + acceptSome(client, 500).stream().map(Wrk::quote)
                        .collect(Collectors.joining(",")) + "}";
                if (chosen.contains("get")) {
                    figure(report, "MCP tools/call get_operation", measure(wrk, api.baseUrl(), "get_operation",
                            new Wrk.Call("POST", "/mcp", null, GET_OPERATION, ids, auth), warmUp, duration, runs),
                            Goal.none(), Goal.none(), floor, "target ≥ 0.40 of the floor");
                }
                if (chosen.contains("rest")) {
                    figure(report, "REST GET /api/v1/operations/{id}", measure(wrk, api.baseUrl(), "REST get",
                            new Wrk.Call("GET", "/api/v1/operations/x", null, REST_GET, ids, auth), warmUp,
                            duration, runs), Goal.none(), Goal.none(), floor, "target ≥ 0.40 of the floor");
                }
            }
            if (chosen.contains("seed")) {
                figure(report, "seed POST /mcp/tools/deploy_service", measure(wrk, api.baseUrl(), "seed deploy",
                        new Wrk.Call("POST", "/mcp/tools/deploy_service", null, SEED_DEPLOY, null, auth), warmUp,
                        duration, runs), Goal.atLeast(5000, "/s"), Goal.atMost(20, "ms"), floor, null);
            }
            report.line("");
            report.line("api RSS after the runs: " + Report.format(api.process().rssMegabytes()) + " MB.");
        }
        return true;
    }

    private static List<Wrk.Result> measure(Wrk wrk, String baseUrl, String label, Wrk.Call call, Duration warmUp,
            Duration duration, int runs) throws Exception {
        System.out.println("  " + label + " warm-up: " + wrk.run(baseUrl, call, warmUp));
        return RepeatedMeasurement.repeat(label, runs, () -> wrk.run(baseUrl, call, duration));
    }

    /** Throughput and p99 rows, with the ratio to the floor and the spread of the runs; returns the median. */
    private static double figure(Report report, String figure, List<Wrk.Result> results, Goal throughput, Goal p99,
            double floor, String note) {
        List<Double> rates = results.stream().map(Wrk.Result::throughput).toList();
        double median = Report.median(rates);
        double spread = (rates.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                - rates.stream().mapToDouble(Double::doubleValue).min().orElse(0)) / median;
        long errors = results.stream().mapToLong(Wrk.Result::errors).sum();
        String firstBad = results.stream().map(Wrk.Result::firstBad).filter(bad -> bad != null && !bad.isBlank())
                .findFirst().orElse(null);
        String ratio = Double.isNaN(floor) ? "" : "**" + Report.format(median / floor) + "** of the floor; ";
        report.figure(figure + ": throughput", throughput, rates, "/s", ratio + "runs spread "
                + Math.round(spread * 100) + " %" + (spread > 0.10 ? " (more than 10 %: not settled)" : "")
                + (note == null ? "" : "; " + note));
        report.figure(figure + ": p99", p99, results.stream().map(Wrk.Result::p99Millis).toList(), "ms",
                "p50 " + Report.format(Report.median(results.stream().map(Wrk.Result::p50Millis).toList()))
                        + " ms, p99.9 " + Report.format(Report.median(results.stream().map(Wrk.Result::p999Millis)
                        .toList())) + " ms; " + errors + " error answers" + (firstBad == null ? ""
                        : " (first: " + firstBad.replace("|", "/") + ")"));
        return median;
    }

    static List<String> acceptSome(ApiClient client, int count) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(DeployBatch.acceptWithRetries(client,
                    ApiClient.deployCall(i, "poll-" + i, "development", "2.0." + i)));
        }
        return ids;
    }
}
