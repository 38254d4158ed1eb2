package dev.lightdevops.worker.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;

/** Units and typical values of metrics by the conventions of their names, for the simulated source. */
final class SimulatedUnits {

    private SimulatedUnits() {
    }

    static Map<String, Object> of(String metric) {
        String name = metric.toLowerCase();
        if (name.contains("cpu")) {
            return unit("percent", "%", "percentage");
        }
        if (name.contains("mem") || name.contains("bytes")) {
            return unit("byte", "B", "bytes");
        }
        if (name.contains("latency") || name.contains("duration") || name.endsWith(".p99") || name.endsWith(".p95")) {
            return unit("millisecond", "ms", "time");
        }
        if (name.contains("error")) {
            return unit("error", "errors/s", "general");
        }
        return unit("request", "req/s", "general");
    }

    static double typicalValue(String metric) {
        String name = metric.toLowerCase();
        if (name.contains("cpu")) {
            return 35;
        }
        if (name.contains("mem") || name.contains("bytes")) {
            return 512.0 * 1024 * 1024;
        }
        if (name.contains("latency") || name.contains("duration") || name.endsWith(".p99") || name.endsWith(".p95")) {
            return 120;
        }
        if (name.contains("error")) {
            return 0.8;
        }
        return 250;
    }

    private static Map<String, Object> unit(String name, String shortName, String family) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("name", name);
        unit.put("short_name", shortName);
        unit.put("family", family);
        return unit;
    }
}
