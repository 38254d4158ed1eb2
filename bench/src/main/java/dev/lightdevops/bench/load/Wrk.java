package dev.lightdevops.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop HTTP load from wrk (Debian's {@code wrk} package; {@code bench/run.sh} installs it when missing): a C
 * event loop on two threads that costs the measured machine a small fraction of what a JVM client would, so the
 * cores stay with the system under test. Each call is described by a Lua script generated here: the request (fixed,
 * or built per request from a sequence number), and a response check that counts every non-2xx answer and every
 * JSON-RPC or tool error answered with 200 as bad. Latencies are wrk's own (microseconds, closed loop).
 */
public final class Wrk {

    private static final Pattern RESULT = Pattern.compile("WRK requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) "
            + "p99_us=(\\d+) p999_us=(\\d+) max_us=(\\d+) socket_errors=(\\d+) bad=(\\d+)");
    private static final Pattern FIRST_BAD = Pattern.compile("WRK first_bad=(.*)");

    /**
     * One kind of call.
     *
     * @param method HTTP method
     * @param path the path of a fixed request, or null when {@code pathExpression} builds it
     * @param body a fixed body, or null
     * @param luaRequest Lua code returning {@code path, body} for sequence number {@code seq} (null: fixed request)
     * @param luaPrelude Lua code run once per thread before the load (tables of ids, say)
     * @param headers extra headers (Authorization)
     */
    public record Call(String method, String path, String body, String luaRequest, String luaPrelude,
            Map<String, String> headers) {
    }

    /** What one wrk run measured. */
    public record Result(long requests, double seconds, double p50Millis, double p99Millis, double p999Millis,
            double maxMillis, long socketErrors, long bad, String firstBad) {

        public double throughput() {
            return seconds <= 0 ? 0 : (requests - bad) / seconds;
        }

        public long errors() {
            return bad + socketErrors;
        }

        @Override
        public String toString() {
            return String.format("%,.0f/s requests=%d bad=%d socket_errors=%d p50=%.2fms p99=%.2fms p99.9=%.2fms "
                    + "max=%.1fms%s", throughput(), requests, bad, socketErrors, p50Millis, p99Millis, p999Millis,
                    maxMillis, firstBad == null || firstBad.isBlank() ? "" : " first bad answer: " + firstBad);
        }
    }

    private final Path scripts;
    private final int threads;
    private final int connections;

    public Wrk(Path scripts, int threads, int connections) {
        this.scripts = scripts;
        this.threads = threads;
        this.connections = connections;
    }

    public Result run(String baseUrl, Call call, Duration duration) throws IOException, InterruptedException {
        Path script = Files.createTempFile(Files.createDirectories(scripts), "call-", ".lua");
        Files.writeString(script, lua(call), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "10s", "-s", script.toString(),
                baseUrl + (call.path() == null ? "/" : call.path())));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Matcher result = RESULT.matcher(output);
        if (!result.find()) {
            throw new IllegalStateException("no result in wrk's output: " + output);
        }
        Matcher firstBad = FIRST_BAD.matcher(output);
        return new Result(Long.parseLong(result.group(1)), Long.parseLong(result.group(2)) / 1e6,
                micros(result.group(3)), micros(result.group(4)), micros(result.group(5)), micros(result.group(6)),
                Long.parseLong(result.group(7)), Long.parseLong(result.group(8)),
                firstBad.find() ? firstBad.group(1).trim() : null);
    }

    /** Whether a wrk is on the PATH (bench/run.sh installs Debian's package when it is not). */
    public static boolean available() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException | InterruptedException missing) {
            return false;
        }
    }

    private static double micros(String value) {
        return Long.parseLong(value) / 1000.0;
    }

    static String lua(Call call) {
        StringBuilder lua = new StringBuilder("-- generated by the bench harness (load/Wrk.java)\n");
        lua.append("wrk.method = ").append(quote(call.method())).append('\n');
        lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        lua.append("wrk.headers[\"Accept\"] = \"application/json, text/event-stream\"\n");
        call.headers().forEach((name, value) -> lua.append("wrk.headers[").append(quote(name)).append("] = ")
                .append(quote(value)).append('\n'));
        if (call.body() != null) {
            lua.append("wrk.body = ").append(quote(call.body())).append('\n');
        }
        lua.append("""
                local threads = {}
                local started = 0
                function setup(thread)
                  thread:set("tid", started)
                  started = started + 1
                  table.insert(threads, thread)
                end
                function init(args)
                  bad = 0
                  first = ""
                  seq = tid * 1000000000
                """);
        if (call.luaPrelude() != null) {
            lua.append(call.luaPrelude()).append('\n');
        }
        lua.append("end\n");
        if (call.luaRequest() != null) {
            lua.append("function request()\n  seq = seq + 1\n  local path, body = ").append(call.luaRequest())
                    .append("\n  return wrk.format(nil, path, nil, body)\nend\n");
        }
        lua.append("""
                function response(status, headers, body)
                  if status >= 300 or string.find(body, '"isError":true', 1, true)
                      or string.find(body, '"error":{', 1, true) then
                    bad = bad + 1
                    if first == "" then first = status .. " " .. string.sub(body, 1, 300) end
                  end
                end
                function done(summary, latency, requests)
                  local total, first_bad = 0, ""
                  for _, thread in ipairs(threads) do
                    total = total + thread:get("bad")
                    local f = thread:get("first")
                    if first_bad == "" and f ~= nil then first_bad = f end
                  end
                  local e = summary.errors
                  io.write(string.format("WRK requests=%d duration_us=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d "
                      .. "socket_errors=%d bad=%d\\n", summary.requests, summary.duration, latency:percentile(50),
                      latency:percentile(99), latency:percentile(99.9), latency.max,
                      e.connect + e.read + e.write + e.timeout, total))
                  io.write("WRK first_bad=" .. string.gsub(first_bad, "\\n", " ") .. "\\n")
                end
                """);
        return lua.toString();
    }

    /** A Lua string literal. */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
