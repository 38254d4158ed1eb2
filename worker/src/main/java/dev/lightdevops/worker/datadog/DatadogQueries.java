package dev.lightdevops.worker.datadog;

import dev.lightdevops.common.telemetry.LogLevel;
import dev.lightdevops.common.telemetry.LogQuery;
import java.util.ArrayList;
import java.util.List;

/** Our normalized queries in Datadog's search and metric query syntaxes. */
final class DatadogQueries {

    private DatadogQueries() {
    }

    /** {@code service:checkout status:(warn OR warning) "connection refused"}; {@code *} when nothing narrows it. */
    static String logSearch(LogQuery query) {
        List<String> terms = new ArrayList<>();
        if (query.service() != null) {
            terms.add("service:" + query.service());
        }
        if (query.level() != null) {
            List<String> statuses = query.level().statuses();
            terms.add(statuses.size() == 1 ? "status:" + statuses.get(0)
                    : "status:(" + String.join(" OR ", statuses) + ")");
        }
        if (query.text() != null) {
            terms.add("\"" + query.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return terms.isEmpty() ? "*" : String.join(" ", terms);
    }

    /** {@code avg:system.cpu.user{service:checkout}.rollup(avg, 60)}. */
    static String metricQuery(String metric, String service, int stepSeconds) {
        String scope = service == null ? "*" : "service:" + service;
        return "avg:" + metric + "{" + scope + "}.rollup(avg, " + stepSeconds + ")";
    }

    /** Datadog's status as our level name (warning → warn), or the status itself when it is none of ours. */
    static String level(String status) {
        return status == null ? null : LogLevel.parse(status).map(LogLevel::wireName).orElse(status);
    }
}
