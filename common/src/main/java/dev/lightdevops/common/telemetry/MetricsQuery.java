package dev.lightdevops.common.telemetry;

import dev.lightdevops.common.tool.Arguments;
import dev.lightdevops.common.tool.DeployArguments;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The validated, normalized arguments of {@code get_metrics} (and of a {@code fetch_metrics} operation): metric names
 * (sorted, deduplicated), an optional service scope, a time range and a step in seconds.
 */
public record MetricsQuery(String service, List<String> metrics, TimeRange range, int stepSeconds) {

    public static final Pattern METRIC = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.]{0,199}");
    public static final int MAX_METRICS = 10;
    /** The golden signals asked for when a call names no metric: saturation, latency, errors, traffic. */
    public static final List<String> DEFAULT_METRICS = List.of("system.cpu.user", "trace.http.request.duration",
            "trace.http.request.errors", "trace.http.request.hits");
    static final Set<String> ALLOWED = Set.of("service", "metrics", "since", "until", "step_seconds");

    public static MetricsQuery from(Map<String, Object> arguments) {
        Arguments args = Arguments.of(arguments, ALLOWED);
        String service = args.optionalString("service", DeployArguments.SERVICE, "a service name");
        Object names = arguments == null || arguments.get("metrics") == null ? DEFAULT_METRICS
                : arguments.get("metrics");
        if (!(names instanceof List<?> list) || list.isEmpty() || list.size() > MAX_METRICS) {
            throw new InvalidArgumentsException("metrics",
                    "must be a list of 1 to " + MAX_METRICS + " metric names such as system.cpu.user");
        }
        TreeSet<String> metrics = new TreeSet<>();
        for (Object name : list) {
            if (!(name instanceof String text) || !METRIC.matcher(text).matches()) {
                throw new InvalidArgumentsException("metrics", "'" + name + "' is not a metric name such as "
                        + "system.cpu.user (letters, digits, '_' and '.')");
            }
            metrics.add(text);
        }
        TimeRange range = TimeRange.of(args.optionalString("since", Pattern.compile(".{1,64}"), "a time"),
                args.optionalString("until", Pattern.compile(".{1,64}"), "a time"), "1h");
        int step = args.optionalInt("step_seconds", 60, 1, 86_400);
        return new MetricsQuery(service, List.copyOf(metrics), range, step);
    }

    public Map<String, Object> asRecorded() {
        Map<String, Object> recorded = new LinkedHashMap<>();
        if (service != null) {
            recorded.put("service", service);
        }
        recorded.put("metrics", new ArrayList<>(metrics));
        recorded.put("since", range.since());
        recorded.put("until", range.until());
        recorded.put("step_seconds", stepSeconds);
        return recorded;
    }

    public String key() {
        return "metrics:" + (service == null ? "*" : service) + "|" + String.join(",", metrics) + "|"
                + range.since() + ".." + range.until() + "|" + stepSeconds;
    }
}
