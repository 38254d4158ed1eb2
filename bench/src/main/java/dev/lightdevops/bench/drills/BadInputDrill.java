package dev.lightdevops.bench.drills;

import dev.lightdevops.bench.SuiteSetup;
import dev.lightdevops.bench.Suite;
import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.process.HeapProbe;
import dev.lightdevops.bench.process.Jdks;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Report;
import dev.lightdevops.bench.status.StatusWatcher;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault drill 3: hostile requests of every {@link HostileRequests kind}, mixed with valid deploys and polls (one
 * valid per four hostile), from 16 clients. Every hostile one must get a 4xx or a JSON-RPC/tool error, every valid
 * one must succeed (and its deploy end), and the api's live heap after a full GC must stay flat (≤ 32 MB growth).
 */
public final class BadInputDrill implements Suite {

    private static final double HEAP_GROWTH_LIMIT_MB = 32;

    @Override
    public String name() {
        return "drill-badinput";
    }

    @Override
    public boolean run(SuiteSetup context) throws Exception {
        Report report = context.report();
        int hostile = context.settings().badRequests();
        report.line("");
        report.line("#### Fault drill 3: " + hostile + " hostile requests (" + HostileRequests.KINDS.size()
                + " kinds) mixed with " + hostile / 4 + " valid ones, 16 clients");
        report.line("");
        try (Stack stack = context.newStack("drill-badinput")) {
            stack.startBroker();
            stack.startWorker(Map.of("WORKER_SIMULATED_STAGE_DURATION", "0s"), context.settings().workerJvmOptions());
            Stack.App api = stack.startApi(Jdks.current(), Map.of(), context.settings().apiJvmOptions());
            ApiClient client = context.client(api.baseUrl());
            try (StatusWatcher watcher = new StatusWatcher(stack.broker().bootstrapServers())) {
                List<String> known = Collections.synchronizedList(new ArrayList<>(
                        dev.lightdevops.bench.suites.DeployBatch.deploys(client, 200, 8,
                                i -> ApiClient.deployCall(i, "warm-" + i, "staging", "1.0." + i))));
                runMix(client, Math.min(500, hostile), known, new Tally()); // warm-up: same paths, not counted
                double heapBefore = HeapProbe.liveHeapMegabytes(api.process(), Jdks.current());
                Tally tally = new Tally();
                List<String> validDeploys = runMix(client, hostile, known, tally);
                double heapAfter = HeapProbe.liveHeapMegabytes(api.process(), Jdks.current());
                long ended = watcher.awaitTerminal(validDeploys, Duration.ofMinutes(3));
                tally.byKind.forEach((kind, count) -> report.line("- " + kind + ": " + count));
                report.line("- hostile refused properly: " + tally.refused + " / " + hostile
                        + "; valid succeeded: " + tally.validOk + " / " + tally.valid + "; valid deploys ended: "
                        + ended + " / " + validDeploys.size());
                report.line("- wrongly answered: " + tally.wrong.size() + WorkerKillDrill.sample(tally.wrong));
                report.line("- api live heap after full GC: " + Report.format(heapBefore) + " MB before, "
                        + Report.format(heapAfter) + " MB after (limit +" + Report.format(HEAP_GROWTH_LIMIT_MB)
                        + " MB); RSS " + Report.format(api.process().rssMegabytes()) + " MB; api alive: "
                        + api.process().alive());
                boolean heapFlat = !(heapAfter - heapBefore > HEAP_GROWTH_LIMIT_MB);
                boolean pass = tally.wrong.isEmpty() && tally.refused.get() == hostile
                        && tally.validOk.get() == tally.valid.get() && ended == validDeploys.size() && heapFlat
                        && api.process().alive();
                report.line("");
                report.line("**VERDICT drill-badinput: " + (pass ? "PASS" : "FAIL") + "**");
                return pass;
            }
        }
    }

    private static final class Tally {
        final AtomicLong refused = new AtomicLong();
        final AtomicLong hostileSent = new AtomicLong();
        final AtomicLong valid = new AtomicLong();
        final AtomicLong validOk = new AtomicLong();
        final Map<String, Integer> byKind = Collections.synchronizedMap(new TreeMap<>());
        final List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    }

    /** Sends {@code hostile} hostile requests and a quarter as many valid ones, shuffled; returns valid deploy ids. */
    private static List<String> runMix(ApiClient client, int hostile, List<String> known, Tally tally)
            throws Exception {
        List<String> deployed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (long i = 0; i < hostile + hostile / 4; i++) {
                long n = i;
                sent.add(pool.submit(() -> {
                    if (n % 5 == 4) {
                        valid(client, n, known, deployed, tally);
                    } else {
                        hostile(client, n, tally);
                    }
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
            return deployed;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void hostile(ApiClient client, long n, Tally tally) {
        long h = tally.hostileSent.getAndIncrement();
        HostileRequests.Kind kind = HostileRequests.KINDS.get((int) (h % HostileRequests.KINDS.size()));
        String outcome;
        try {
            HttpResponse<String> answer = client.send(kind.build().apply(client, n));
            int code = answer.statusCode();
            boolean rpcError = answer.body().contains("\"error\":{") || answer.body().contains("\"isError\":true");
            boolean refused = ApiClient.acceptedOperationId(answer) == null
                    && (code >= 400 && code < 500 || code == 200 && rpcError);
            outcome = refused ? (code == 200 ? "JSON-RPC/tool error" : String.valueOf(code)) : "WRONG " + code;
            if (refused) {
                tally.refused.incrementAndGet();
            } else {
                tally.wrong.add(kind.name() + " → " + code + " " + abbreviate(answer.body()));
            }
        } catch (Exception e) {
            outcome = "WRONG " + e.getClass().getSimpleName();
            tally.wrong.add(kind.name() + " → " + e);
        }
        tally.byKind.merge(kind.name() + " → " + outcome, 1, Integer::sum);
    }

    private static void valid(ApiClient client, long n, List<String> known, List<String> deployed, Tally tally) {
        tally.valid.incrementAndGet();
        try {
            if (n % 2 == 0) {
                String id = ApiClient.acceptedOperationId(client.send(client.post("/mcp",
                        ApiClient.deployCall(n, "valid-" + (n % 200), "staging", "1.0." + n)).build()));
                if (id != null) {
                    deployed.add(id);
                    known.add(id);
                    tally.validOk.incrementAndGet();
                    return;
                }
            } else {
                String id = known.get((int) (n % known.size()));
                HttpResponse<String> answer = client.send(client.post("/mcp",
                        ApiClient.getOperationCall(n, id)).build());
                if (answer.statusCode() == 200 && !answer.body().contains("\"isError\":true")) {
                    tally.validOk.incrementAndGet();
                    return;
                }
            }
            tally.wrong.add("valid request " + n + " failed");
        } catch (Exception e) {
            tally.wrong.add("valid request " + n + " → " + e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 160 ? body : body.substring(0, 160) + "…";
    }
}
