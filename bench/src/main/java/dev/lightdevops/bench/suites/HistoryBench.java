package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.SuiteSetup;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.load.Latency;
import dev.lightdevops.bench.process.BrokerProcess;
import dev.lightdevops.bench.process.Jdks;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Goal;
import dev.lightdevops.bench.report.Report;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 6, the history store: a real PostgreSQL (zonky's embedded server, its own process) behind an
 * api process. (1) Ingest: operations written to Kafka as api and workers write them (3 snapshots and 2 audit lines
 * each, a deployment record per deploy) at {@code BENCH_HISTORY_RATE} operations/s for {@code BENCH_HISTORY_SECONDS};
 * the store's lag ({@code records_behind} on {@code /actuator/history}) is sampled every second. (2) The store is
 * filled up to 1,000,000 operations (spread over 400 days) with SQL, then {@code list_changes} for one environment
 * and the last 24 h is timed over MCP and in SQL, with its plan ({@code EXPLAIN ANALYZE}). (3) Bytes per million rows
 * and the retention delete's time per million rows.
 */
public final class HistoryBench implements Suite {

    private static final int TOTAL = 1_000_000;
    private static final Pattern BEHIND = Pattern.compile("\"records_behind\":(\\d+)");

    @Override
    public String name() {
        return "history";
    }

    @Override
    public boolean run(SuiteSetup context) throws Exception {
        Report report = context.report();
        int rate = intEnv("BENCH_HISTORY_RATE", 2000);
        int seconds = intEnv("BENCH_HISTORY_SECONDS", (context.settings().duration().getSeconds() < 30) ? 20 : 60);
        int queries = (context.settings().duration().getSeconds() < 30) ? 300 : 2000;
        report.tableHeader("Benchmark 6, history store: ingest at " + rate + " operations/s for " + seconds
                + " s, then list_changes with " + TOTAL + " stored operations");
        try (Stack stack = context.newStack("history");
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(stack.runDirectory().resolve("postgres")).setCleanDataDirectory(true)
                        .setServerConfig("shared_buffers", "256MB").start()) {
            stack.startBroker();
            String jdbc = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            int management = BrokerProcess.freePort();
            Stack.App api = stack.startApi(Jdks.current(), Map.of("SPRING_DATASOURCE_URL", jdbc,
                    "SPRING_DATASOURCE_USERNAME", "postgres", "MANAGEMENT_PORT", String.valueOf(management)),
                    context.settings().apiJvmOptions());
            ApiClient client = new ApiClient(api.baseUrl(), null);
            String status = "http://127.0.0.1:" + management + "/actuator/history";

            // 1. Ingest at the target rate; lag sampled every second while writing and until it is back to zero.
            HistoryLoad load = new HistoryLoad(stack.broker().bootstrapServers());
            long maxBehind = 0;
            long started = System.nanoTime();
            Thread writer = Thread.ofPlatform().start(() -> load.write(rate, seconds));
            while (writer.isAlive()) {
                Thread.sleep(1000);
                maxBehind = Math.max(maxBehind, behind(client, status));
            }
            long wrote = System.nanoTime();
            long behindAtEnd = behind(client, status);
            while (behind(client, status) > 0 && System.nanoTime() - wrote < Duration.ofMinutes(10).toNanos()) {
                Thread.sleep(200);
            }
            double catchUp = (System.nanoTime() - wrote) / 1e9;
            double offered = load.operations() / ((wrote - started) / 1e9);
            report.figure("operations written to Kafka", Goal.atLeast(rate * 0.95, "ops/s"), List.of(offered),
                    "ops/s", load.records() + " records (" + load.operations() + " operations: 3 snapshots, 2 audit "
                            + "lines and, for the 30 % that are deploys, a deployment record each)");
            report.figure("history lag while writing (max of 1 s samples)", Goal.none(), List.of((double) maxBehind),
                    "records", "records_behind summed over the three topics; at the end " + behindAtEnd);
            report.figure("history catch-up after the writing stopped", Goal.none(), List.of(catchUp), "s",
                    "until records_behind is 0; ingest delay p99 " + metric(client, management,
                            "devops_history_ingest_delay_seconds\\{[^}]*quantile=\"0.99\"[^}]*\\} ([0-9.Ee+-]+)")
                            + " s (Prometheus)");

            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
                // 2. Fill up to a million operations, then time list_changes for one environment, last 24 h.
                long stored = count(db, "operations");
                long seeded = Seed.operations(db, TOTAL - stored);
                String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"list_changes\",\"arguments\":{\"environment\":\"production\",\"since\":\"24h\"}}}";
                Latency mcp = new Latency();
                for (int i = 0; i < queries + 200; i++) {
                    long t = System.nanoTime();
                    HttpResponse<String> answer = client.send(client.post("/mcp", body).build());
                    if (i >= 200) {
                        mcp.recordNanos(System.nanoTime() - t);
                    }
                    if (answer.statusCode() != 200 || answer.body().contains("\"isError\":true")) {
                        throw new IllegalStateException("list_changes failed: " + answer.body());
                    }
                }
                Latency sql = Seed.timeQuery(db, queries);
                report.figure("list_changes p99 over MCP (production, last 24 h, 20 per page)",
                        Goal.atMost(50, "ms"), List.of(mcp.millisAt(99)), "ms", "p50 " + Report.format(mcp.millisAt(50))
                                + " ms, " + mcp.count() + " sequential calls, " + count(db, "operations")
                                + " operations stored (" + seeded + " seeded with SQL)");
                report.figure("the same query in SQL, p99", Goal.atMost(50, "ms"), List.of(sql.millisAt(99)), "ms",
                        "p50 " + Report.format(sql.millisAt(50)) + " ms");
                report.line("Plan of list_changes (production, last 24 h):");
                report.line("```");
                Seed.explain(db).forEach(report::line);
                report.line("```");

                // 3. What a million rows cost: on disk, and to delete when retention reaches them.
                for (String table : List.of("operations", "audit_events")) {
                    long rows = count(db, table);
                    double mb = Seed.sizeBytes(db, table) / 1e6 * 1_000_000.0 / Math.max(1, rows);
                    report.figure(table + ": size per million rows", Goal.none(), List.of(mb), "MB",
                            "table, TOAST and indexes; measured over " + rows + " rows");
                }
                double[] retention = Seed.timeRetention(db);
                report.figure("retention: deleting a million operations", Goal.none(),
                        List.of(retention[1] / Math.max(1, retention[0]) * 1_000_000), "s",
                        "measured deleting " + (long) retention[0] + " rows older than 300 days, 10,000 per statement");
            }
            return true;
        }
    }

    private static long behind(ApiClient client, String url) throws Exception {
        HttpResponse<String> answer = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build());
        long total = 0;
        Matcher matcher = BEHIND.matcher(answer.body());
        while (matcher.find()) {
            total += Long.parseLong(matcher.group(1));
        }
        return total;
    }

    private static String metric(ApiClient client, int management, String pattern) throws Exception {
        String body = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + management + "/actuator/prometheus")).GET().build()).body();
        Matcher matcher = Pattern.compile(pattern).matcher(body);
        return matcher.find() ? Report.format(Double.parseDouble(matcher.group(1))) : "?";
    }

    static long count(Connection db, String table) throws Exception {
        try (Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
