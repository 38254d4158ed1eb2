package dev.lightdevops.common.tool;

import dev.lightdevops.common.telemetry.LogLevel;
import dev.lightdevops.common.telemetry.LogQuery;
import dev.lightdevops.common.telemetry.MetricsQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Definitions of the tools that reach the outside world: rollbacks, logs, metrics and what is deployed. */
final class IntegrationTools {

    private static final Map<String, Object> TIME = Map.of("type", "string", "description",
            "an ISO-8601 instant, or a look-back such as 15m, 2h, 7d (until also accepts now)");

    static final ToolDefinition ROLLBACK = new ToolDefinition(ToolCatalogue.ROLLBACK_DEPLOYMENT,
            "Roll back a deployment",
            "Rolls service@environment back to the version live before the current one, or to target_version if it "
                    + "was live before. Name the environment and the service, or the operation_id of the deploy to "
                    + "undo. Answers at once with an operation whose result is a placeholder (awaiting_approval "
                    + "where the environment's policy asks for an approver); poll it with get_operation.",
            ToolCatalogue.objectSchema(properties(
                    "service", ToolCatalogue.string(DeployArguments.SERVICE.pattern(), DeployArguments.SERVICE_TEXT),
                    "environment", Map.of("type", "string", "enum", Environment.wireNames()),
                    "operation_id", Map.of("type", "string", "description",
                            "the id of the deploy operation to roll back, instead of service and environment"),
                    "reason", ToolCatalogue.string(RollbackArguments.REASON.pattern(), RollbackArguments.REASON_TEXT),
                    "target_version", ToolCatalogue.string(DeployArguments.VERSION.pattern(),
                            "a version that was live before; default: the previous live version"),
                    "idempotency_key", ToolCatalogue.string(DeployArguments.IDEMPOTENCY_KEY.pattern(),
                            DeployArguments.KEY_TEXT)),
                    List.of("environment", "reason")),
            OutputSchemas.ACCEPTED_OPERATION, ToolDefinition.Kind.MUTATING, true,
            ToolDefinition.Hints.change(true, false, true));

    static final ToolDefinition LOGS = new ToolDefinition(ToolCatalogue.GET_LOGS, "Get logs",
            "Searches logs (Datadog, or the built-in simulated source) by service, level, free text and time range. "
                    + "Answers at once with the freshest cached result of the same query (with its age) if there "
                    + "is one, else with a placeholder and an operation to poll.",
            ToolCatalogue.objectSchema(properties(
                    "service", ToolCatalogue.string(DeployArguments.SERVICE.pattern(), DeployArguments.SERVICE_TEXT),
                    "level", Map.of("type", "string", "enum", LogLevel.wireNames(), "description",
                            "exact level; warn also matches warning"),
                    "query", ToolCatalogue.string(LogQuery.TEXT.pattern(), "free text to search for: one line of at most "
                            + "500 characters, without control or bidirectional formatting characters"),
                    "since", withDefault(TIME, "15m"),
                    "until", withDefault(TIME, "now"),
                    "limit", Map.of("type", "integer", "minimum", 1, "maximum", LogQuery.MAX_LIMIT,
                            "default", LogQuery.DEFAULT_LIMIT)),
                    List.of()),
            OutputSchemas.ACCEPTED_OPERATION, ToolDefinition.Kind.READ, true, ToolDefinition.Hints.read(true));

    static final ToolDefinition METRICS = new ToolDefinition(ToolCatalogue.GET_METRICS, "Get metrics",
            "Queries metric timeseries (Datadog, or the built-in simulated source) over a time range and step: "
                    + "series with points and units. Answers at once with the freshest cached result of the same "
                    + "query if there is one, else with a placeholder and an operation to poll.",
            ToolCatalogue.objectSchema(properties(
                    "service", ToolCatalogue.string(DeployArguments.SERVICE.pattern(), DeployArguments.SERVICE_TEXT),
                    "metrics", Map.of("type", "array", "minItems", 1, "maxItems", MetricsQuery.MAX_METRICS,
                            "items", Map.of("type", "string", "pattern", "^" + MetricsQuery.METRIC.pattern() + "$"),
                            "description", "metric names; default: " + String.join(", ",
                                    MetricsQuery.DEFAULT_METRICS)),
                    "since", withDefault(TIME, "1h"),
                    "until", withDefault(TIME, "now"),
                    "step_seconds", Map.of("type", "integer", "minimum", 1, "maximum", 86_400, "default", 60)),
                    List.of()),
            OutputSchemas.ACCEPTED_OPERATION, ToolDefinition.Kind.READ, true, ToolDefinition.Hints.read(true));

    static final ToolDefinition DEPLOYMENTS = new ToolDefinition(ToolCatalogue.LIST_DEPLOYMENTS, "List deployments",
            "Lists what is live per service@environment, with each target's recent deploy and rollback history, "
                    + "and beside it what the cluster itself says is live (image, replicas, rollout state) where the "
                    + "deploy target can tell (Kubernetes), with in_sync saying whether the two agree.",
            ToolCatalogue.objectSchema(properties(
                    "service", ToolCatalogue.string(DeployArguments.SERVICE.pattern(), DeployArguments.SERVICE_TEXT),
                    "environment", Map.of("type", "string", "enum", Environment.wireNames())),
                    List.of()),
            Map.of("type", "object", "properties", Map.of("deployments", Map.of("type", "array"))),
            ToolDefinition.Kind.READ, false, ToolDefinition.Hints.read(false));

    private IntegrationTools() {
    }

    private static Map<String, Object> properties(Object... namesAndSchemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
        }
        return properties;
    }

    private static Map<String, Object> withDefault(Map<String, Object> schema, String value) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        copy.put("default", value);
        return copy;
    }
}
