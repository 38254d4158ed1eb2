package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.Context;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.load.ClosedLoop;
import dev.lightdevops.bench.load.LoadResult;
import dev.lightdevops.bench.process.Jdks;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Goal;
import dev.lightdevops.bench.report.Report;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Benchmark 1: how fast the api accepts and answers, over real HTTP, with a real broker and no worker (commands
 * queue in Kafka; only the api's path is measured). Baseline in the same run: MCP {@code ping}, the HTTP +
 * JSON-RPC floor without Kafka. The api runs on the harness's own JDK (25, found by the build).
 */
public final class AcceptanceBench implements Suite {

    @Override
    public String name() {
        return "acceptance";
    }

    @Override
    public boolean run(Context context) throws Exception {
        measureOn(context, Jdks.current());
        return true;
    }

    private void measureOn(Context context, Path java) throws Exception {
        String jdk = Jdks.describe(java);
        Report report = context.report();
        report.tableHeader("Benchmark 1, acceptance: api on " + jdk + ", " + context.settings().clients()
                + " clients, " + context.settings().duration().toSeconds() + " s runs after "
                + context.settings().warmUp().toSeconds() + " s warm-up");
        try (Stack stack = context.newStack("acceptance")) {
            stack.startBroker();
            Stack.App api = stack.startApi(java, Map.of(), context.settings().apiJvmOptions());
            ApiClient client = context.client(api.baseUrl());
            int runs = context.settings().runs();
            Duration warmUp = context.settings().warmUp();
            Duration duration = context.settings().duration();
            int clients = context.settings().clients();

            List<LoadResult> ping = Measure.repeat("ping", runs, () -> ClosedLoop.run(clients, warmUp, duration,
                    (c, seq) -> client.send(client.post("/mcp",
                            "{\"jsonrpc\":\"2.0\",\"id\":" + seq + ",\"method\":\"ping\"}").build())
                            .statusCode() == 200));
            double floor = Measure.throughputAndLatency(report, "baseline: MCP ping (no Kafka)", ping,
                    Goal.none(), Goal.none(), null);

            List<LoadResult> deploys = Measure.repeat("deploy", runs, () -> ClosedLoop.run(clients, warmUp, duration,
                    (c, seq) -> ApiClient.acceptedOperationId(client.send(client.post("/mcp",
                            ApiClient.deployCall(seq, "svc-" + (seq % 500), "staging", "1.0." + seq)).build()))
                            != null));
            double accepted = Measure.throughputAndLatency(report, "MCP tools/call deploy_service", deploys,
                    Goal.atLeast(5000, "/s"), Goal.atMost(20, "ms"), null);
            report.line("| ratio deploy_service / ping | — | **" + Report.format(accepted / floor) + "** | | | |");

            List<String> ids = acceptSome(client, 500);
            List<LoadResult> polls = Measure.repeat("get_operation", runs, () -> ClosedLoop.run(clients, warmUp,
                    duration, (c, seq) -> {
                        HttpResponse<String> answer = client.send(client.post("/mcp",
                                ApiClient.getOperationCall(seq, any(ids))).build());
                        return answer.statusCode() == 200 && !answer.body().contains("\"isError\":true")
                                && answer.body().contains("\"operation\"");
                    }));
            Measure.throughputAndLatency(report, "MCP tools/call get_operation", polls,
                    Goal.atLeast(20000, "/s"), Goal.atMost(10, "ms"), null);

            List<LoadResult> rest = Measure.repeat("GET operation", runs, () -> ClosedLoop.run(clients, warmUp,
                    duration, (c, seq) -> client.send(client.get("/api/v1/operations/" + any(ids),
                            Duration.ofSeconds(30)).build()).statusCode() == 200));
            Measure.throughputAndLatency(report, "REST GET /api/v1/operations/{id}", rest,
                    Goal.atLeast(20000, "/s"), Goal.atMost(10, "ms"), null);

            Optional<SeedRoute> seed = SeedRoute.detect(client);
            if (seed.isEmpty()) {
                report.line("| seed POST /mcp/tools/deploy_service | ≥ 5,000 /s | not available yet (404) | | | |");
            } else {
                List<LoadResult> seeded = Measure.repeat("seed deploy", runs, () -> ClosedLoop.run(clients, warmUp,
                        duration, (c, seq) -> seed.get().deploy(client, seq)));
                Measure.throughputAndLatency(report, "seed POST /mcp/tools/deploy_service", seeded,
                        Goal.atLeast(5000, "/s"), Goal.atMost(20, "ms"), null);
            }
            report.line("");
            report.line("api RSS after the runs: " + Report.format(api.process().rssMegabytes()) + " MB.");
        }
    }

    static List<String> acceptSome(ApiClient client, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(Submit.acceptWithRetries(client, ApiClient.deployCall(i, "poll-" + i, "development", "2.0." + i)));
        }
        return ids;
    }

    private static String any(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }
}
