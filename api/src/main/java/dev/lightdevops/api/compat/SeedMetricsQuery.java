package dev.lightdevops.api.compat;

import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original metrics route's parameters ({@code service}, {@code limit}, {@code metric_type}, {@code time_range}) as
 * a {@code get_metrics} call: {@code metric_type} names the metrics (a short name such as {@code cpu} or a full metric
 * name; comma-separated for several), {@code time_range} is the look-back ({@code since}), and {@code limit} keeps the
 * most recent points of each series in the answer. Any of {@code get_metrics}'s own arguments still pass as they are.
 *
 * @param arguments what is passed to get_metrics
 * @param limit how many points of each series to keep, or null for all
 */
record SeedMetricsQuery(Map<String, Object> arguments, Integer limit) {

    static final int MAX_LIMIT = 10_000;

    /** Short names of the original's metric types, as the metric names the sources know. */
    private static final Map<String, String> SHORT_NAMES = Map.of(
            "cpu", "system.cpu.user",
            "memory", "system.mem.used",
            "latency", "trace.http.request.duration",
            "errors", "trace.http.request.errors",
            "requests", "trace.http.request.hits",
            "traffic", "trace.http.request.hits");

    static SeedMetricsQuery from(Map<String, ?> query) {
        Map<String, Object> arguments = new LinkedHashMap<>(query);
        Integer limit = limit(arguments.remove("limit"));
        Object type = arguments.remove("metric_type");
        if (type != null && !arguments.containsKey("metrics")) {
            arguments.put("metrics", Arrays.stream(String.valueOf(type).split(",")).map(String::trim)
                    .filter(name -> !name.isEmpty()).map(name -> SHORT_NAMES.getOrDefault(name, name)).toList());
        }
        Object range = arguments.remove("time_range");
        if (range != null && !arguments.containsKey("since")) {
            arguments.put("since", range);
        }
        return new SeedMetricsQuery(arguments, limit);
    }

    /** The fetch's result with each series cut to its last {@code limit} points. */
    @SuppressWarnings("unchecked")
    Map<String, Object> trim(Map<String, Object> result) {
        if (limit == null || result == null || !(result.get("series") instanceof List<?> series)) {
            return result;
        }
        List<Object> trimmed = new ArrayList<>();
        for (Object one : series) {
            if (one instanceof Map<?, ?> map && map.get("points") instanceof List<?> points
                    && points.size() > limit) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
                copy.put("points", List.copyOf(points.subList(points.size() - limit, points.size())));
                trimmed.add(copy);
            } else {
                trimmed.add(one);
            }
        }
        Map<String, Object> copy = new LinkedHashMap<>(result);
        copy.put("series", trimmed);
        return copy;
    }

    private static Integer limit(Object value) {
        if (value == null) {
            return null;
        }
        try {
            int limit = value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().trim());
            if (limit >= 1 && limit <= MAX_LIMIT && (!(value instanceof Number number)
                    || number.doubleValue() == limit)) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new InvalidArgumentsException("limit", "must be a whole number from 1 to " + MAX_LIMIT
                + " (points kept per series)");
    }
}
