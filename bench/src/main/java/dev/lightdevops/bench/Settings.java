package dev.lightdevops.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How long and how hard the harness runs, from environment variables (so {@code bench/run.sh} needs no flags):
 * the defaults are the (30 s runs, 64 clients, 1,000 ops/s); {@code --quick} shortens everything.
 */
public record Settings(int runs, Duration warmUp, Duration duration, int clients, List<Double> endToEndRates,
        double standaloneRate, Duration scaleOutCap, int drillDeploys, int drillTargets, int badRequests, String token,
        String apiJvmOptions, String workerJvmOptions, Map<String, String> workerConcurrencyEnv,
        List<String> acceptanceFigures) {

    /** The api's own JVM options (the file every launcher passes), used unless BENCH_API_JVM_OPTS says otherwise. */
    public static final String API_JVM_OPTIONS = "@api/jvm.options";

    /** The worker's own JVM options, used unless BENCH_WORKER_JVM_OPTS says otherwise. */
    public static final String WORKER_JVM_OPTIONS = "@worker/jvm.options";

    public static Settings from(Map<String, String> env, boolean quick) {
        return new Settings(
                integer(env, "BENCH_RUNS", 3),
                seconds(env, "BENCH_WARMUP", quick ? 4 : 10),
                seconds(env, "BENCH_DURATION", quick ? 8 : 30),
                integer(env, "BENCH_CLIENTS", 64),
                Arrays.stream(env.getOrDefault("BENCH_E2E_RATES", "1000").split(",")).map(String::trim)
                        .map(Double::valueOf).toList(),
                Double.parseDouble(env.getOrDefault("BENCH_E2E_STANDALONE_RATE", "200").trim()),
                seconds(env, "BENCH_SCALEOUT_CAP", quick ? 25 : 90),
                integer(env, "BENCH_DRILL_DEPLOYS", 2000),
                integer(env, "BENCH_DRILL_TARGETS", 500),
                integer(env, "BENCH_BAD_REQUESTS", 10_000),
                env.getOrDefault("BENCH_TOKEN", ""),
                env.getOrDefault("BENCH_API_JVM_OPTS", API_JVM_OPTIONS),
                env.getOrDefault("BENCH_WORKER_JVM_OPTS", WORKER_JVM_OPTIONS),
                pairs(env.getOrDefault("BENCH_WORKER_CONCURRENCY_ENV", "WORKER_CONCURRENCY=256,WORKER_MAX_IN_FLIGHT=1024")),
                Arrays.stream(env.getOrDefault("BENCH_ACCEPTANCE_FIGURES", "floor,ping,deploy,get,rest,seed")
                        .split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList());
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static Duration seconds(Map<String, String> env, String name, int fallback) {
        return Duration.ofSeconds(integer(env, name, fallback));
    }

    /** {@code A=1,B=2} as a map. */
    static Map<String, String> pairs(String text) {
        java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                map.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return Map.copyOf(map);
    }
}
