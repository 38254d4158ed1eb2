package dev.lightdevops.worker.datadog;

import com.datadog.api.client.ApiClient;
import com.datadog.api.client.v1.api.MetricsApi;
import com.datadog.api.client.v1.model.MetricsQueryMetadata;
import com.datadog.api.client.v1.model.MetricsQueryResponse;
import com.datadog.api.client.v1.model.MetricsQueryUnit;
import com.datadog.api.client.v2.api.LogsApi;
import com.datadog.api.client.v2.model.Log;
import com.datadog.api.client.v2.model.LogAttributes;
import com.datadog.api.client.v2.model.LogsListRequest;
import com.datadog.api.client.v2.model.LogsListRequestPage;
import com.datadog.api.client.v2.model.LogsListResponse;
import com.datadog.api.client.v2.model.LogsQueryFilter;
import com.datadog.api.client.v2.model.LogsSort;
import dev.lightdevops.common.telemetry.LogQuery;
import dev.lightdevops.common.telemetry.MetricsQuery;
import dev.lightdevops.worker.execution.OperationFailedException;
import dev.lightdevops.worker.telemetry.TelemetrySource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Logs and metrics from Datadog through its official client: Logs API v2 search with cursor paging up to the query's
 * limit, and the metrics query API (one rolled-up series per metric at the requested step, with points and units).
 * Every call goes through {@link DatadogCalls} for retries and error mapping.
 */
public class DatadogTelemetrySource implements TelemetrySource {

    private final LogsApi logs;
    private final MetricsApi metrics;
    private final DatadogCalls calls;
    private final DatadogProperties settings;

    public DatadogTelemetrySource(DatadogProperties settings) {
        this(settings, duration -> Thread.sleep(duration.toMillis()));
    }

    DatadogTelemetrySource(DatadogProperties settings, DatadogCalls.Pause pause) {
        ApiClient client = DatadogClients.create(settings);
        this.logs = new LogsApi(client);
        this.metrics = new MetricsApi(client);
        this.calls = new DatadogCalls(settings, pause);
        this.settings = settings;
    }

    @Override
    public String name() {
        return "datadog";
    }

    @Override
    public Map<String, Object> logs(LogQuery query, Instant now) throws InterruptedException {
        Instant from = query.range().from(now);
        Instant to = query.range().to(now);
        String search = DatadogQueries.logSearch(query);
        List<Map<String, Object>> found = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            int pageLimit = Math.min(settings.pageSize(), query.limit() - found.size());
            LogsListRequest request = new LogsListRequest()
                    .filter(new LogsQueryFilter().query(search).from(from.toString()).to(to.toString()))
                    .sort(LogsSort.TIMESTAMP_DESCENDING)
                    .page(new LogsListRequestPage().limit(pageLimit).cursor(cursor));
            LogsListResponse page = calls.call("the logs search",
                    () -> logs.listLogs(new LogsApi.ListLogsOptionalParameters().body(request)));
            pages++;
            if (page.getData() != null) {
                page.getData().stream().limit(query.limit() - found.size()).map(DatadogTelemetrySource::entry)
                        .forEach(found::add);
            }
            cursor = page.getMeta() == null || page.getMeta().getPage() == null ? null
                    : page.getMeta().getPage().getAfter();
        } while (cursor != null && found.size() < query.limit());
        Map<String, Object> result = header(from, to);
        result.put("query", search);
        result.put("pages", pages);
        result.put("count", found.size());
        result.put("more_available", cursor != null);
        result.put("logs", found);
        return result;
    }

    @Override
    public Map<String, Object> metrics(MetricsQuery query, Instant now) throws InterruptedException {
        Instant from = query.range().from(now);
        Instant to = query.range().to(now);
        List<Map<String, Object>> series = new ArrayList<>();
        for (String metric : query.metrics()) {
            String expression = DatadogQueries.metricQuery(metric, query.service(), query.stepSeconds());
            MetricsQueryResponse response = calls.call("the query of " + metric,
                    () -> metrics.queryMetrics(from.getEpochSecond(), to.getEpochSecond(), expression));
            if ("error".equals(response.getStatus())) {
                throw new OperationFailedException("datadog_bad_request", "Datadog could not run " + expression + ": "
                        + response.getError(), false);
            }
            if (response.getSeries() != null) {
                response.getSeries().forEach(one -> series.add(series(one)));
            }
        }
        Map<String, Object> result = header(from, to);
        result.put("step_seconds", query.stepSeconds());
        result.put("series", series);
        return result;
    }

    private static Map<String, Object> entry(Log log) {
        LogAttributes attributes = log.getAttributes();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", log.getId());
        if (attributes == null) {
            return entry;
        }
        entry.put("timestamp", attributes.getTimestamp() == null ? null
                : attributes.getTimestamp().toInstant().toString());
        entry.put("level", DatadogQueries.level(attributes.getStatus()));
        entry.put("status", attributes.getStatus());
        entry.put("service", attributes.getService());
        entry.put("host", attributes.getHost());
        entry.put("message", attributes.getMessage());
        if (attributes.getTags() != null) {
            entry.put("tags", attributes.getTags());
        }
        if (attributes.getAttributes() != null && !attributes.getAttributes().isEmpty()) {
            entry.put("attributes", attributes.getAttributes());
        }
        return entry;
    }

    private static Map<String, Object> series(MetricsQueryMetadata one) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("metric", one.getMetric());
        series.put("display_name", one.getDisplayName());
        series.put("scope", one.getScope());
        series.put("expression", one.getExpression());
        series.put("interval_seconds", one.getInterval());
        MetricsQueryUnit unit = one.getUnit() == null ? null
                : one.getUnit().stream().filter(Objects::nonNull).findFirst().orElse(null);
        series.put("unit", unit == null ? null : unit(unit));
        List<List<Object>> points = new ArrayList<>();
        if (one.getPointlist() != null) {
            for (List<Double> point : one.getPointlist()) {
                if (point != null && point.size() >= 2 && point.get(0) != null) {
                    points.add(java.util.Arrays.asList(point.get(0).longValue(), point.get(1)));
                }
            }
        }
        series.put("points", points);
        return series;
    }

    private static Map<String, Object> unit(MetricsQueryUnit unit) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", unit.getName());
        map.put("short_name", unit.getShortName());
        map.put("family", unit.getFamily());
        map.put("scale_factor", unit.getScaleFactor());
        return map;
    }

    private static Map<String, Object> header(Instant from, Instant to) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("source", "datadog");
        result.put("simulated", false);
        result.put("from", from.toString());
        result.put("to", to.toString());
        return result;
    }
}
