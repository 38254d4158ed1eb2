package dev.lightdevops.api.compat;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.CallerResolver;
import dev.lightdevops.api.mcp.ResourceMethods;
import dev.lightdevops.api.mcp.ResourceNotFoundException;
import dev.lightdevops.api.mcp.ResourceRefusedException;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.rest.ToolRoutes;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.common.tool.ToolCatalogue;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** What the seed routes and their aliases do, shared so that a route and its alias cannot drift apart. */
@Component
class SeedCalls {

    private static final List<String> SEED_TOOLS =
            List.of(ToolCatalogue.DEPLOY_SERVICE, ToolCatalogue.ROLLBACK_DEPLOYMENT, ToolCatalogue.AUTHENTICATE_USER);

    private final ToolRoutes routes;
    private final CallerResolver callers;
    private final OperationView view;
    private final CompatProperties settings;
    private final ResourceMethods resourceReader;

    SeedCalls(ToolRoutes routes, CallerResolver callers, OperationView view, CompatProperties settings,
            ResourceMethods resources) {
        this.resourceReader = resources;
        this.routes = routes;
        this.callers = callers;
        this.view = view;
        this.settings = settings;
    }

    Caller caller(HttpServletRequest request) {
        return callers.resolve(request);
    }

    /**
     * The arguments of a seed call: under {@code params.arguments} (gateway style), under {@code arguments}, or the
     * body itself; the seed's {@code service_name} is the engine's {@code service}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> arguments(Map<String, Object> body) {
        Map<String, Object> source = body == null ? Map.of() : body;
        if (source.get("params") instanceof Map<?, ?> params && params.get("arguments") instanceof Map<?, ?> nested) {
            source = (Map<String, Object>) nested;
        } else if (source.get("arguments") instanceof Map<?, ?> nested) {
            source = (Map<String, Object>) nested;
        }
        Map<String, Object> arguments = new LinkedHashMap<>(source);
        if (arguments.containsKey("service_name") && !arguments.containsKey("service")) {
            arguments.put("service", arguments.remove("service_name"));
        }
        return arguments;
    }

    ResponseEntity<Object> call(String tool, Map<String, Object> arguments, Caller caller) {
        return SeedAnswers.accepted(routes.call(tool, arguments, caller));
    }

    /**
     * Starts the fetch and waits (bounded) for its operation, as the original answered with the data itself. The
     * metrics route's own parameters are translated first ({@link SeedMetricsQuery}).
     */
    ResponseEntity<Object> fetch(String tool, Map<String, ?> query, Caller caller) {
        if (ToolCatalogue.GET_METRICS.equals(tool)) {
            SeedMetricsQuery metrics;
            try {
                metrics = SeedMetricsQuery.from(query);
            } catch (InvalidArgumentsException invalid) {
                return SeedAnswers.refused(ToolResult.failed("invalid_argument", invalid.getMessage(), false,
                        "Correct that parameter and call again."));
            }
            return awaitResult(routes.callWithQuery(tool, metrics.arguments(), caller), metrics::trim);
        }
        return awaitResult(routes.callWithQuery(tool, query, caller), data -> data);
    }

    private ResponseEntity<Object> awaitResult(ToolResult result, UnaryOperator<Map<String, Object>> shape) {
        if (result.error() || !(result.structured().get("operation_id") instanceof String id)) {
            return SeedAnswers.accepted(result);
        }
        return view.awaitMatch(id, Operation::isTerminal, settings.resultWait())
                .map(operation -> SeedAnswers.fetched(operation, shape))
                .orElseGet(() -> SeedAnswers.accepted(result));
    }

    /** A {@code devops://} resource read by its URI path (the original's {@code GET /mcp/resources/{path}}). */
    ResponseEntity<Object> resource(String path, String rawQuery, Caller caller) {
        String uri = "devops:/" + (path.startsWith("/") ? path : "/" + path)
                + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        Object content;
        try {
            content = resourceReader.content(uri, caller);
        } catch (ResourceRefusedException refused) {
            return SeedAnswers.refused(refused.result());
        } catch (ResourceNotFoundException missing) {
            return notFound(uri);
        } catch (IllegalArgumentException malformed) {
            return SeedAnswers.refused(ToolResult.failed("invalid_argument", malformed.getMessage(), false,
                    "Use a path that resources/templates/list names."));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("uri", uri);
        body.put("data", content);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static ResponseEntity<Object> notFound(String uri) {
        return SeedAnswers.refused(ToolResult.failed("not_found", "no resource " + uri, false,
                "GET /mcp/resources lists the resources; resources/templates/list over MCP names every template."));
    }

    Map<String, Object> resources() {
        return Map.of("resources", List.of(
                resource("logs", "/mcp/resources/logs", "Recent log lines of a service",
                        List.of("level", "limit", "since", "service")),
                resource("metrics", "/mcp/resources/metrics", "Metrics of a service",
                        List.of("limit", "service", "metric_type", "time_range"))));
    }

    Map<String, Object> tools() {
        List<Map<String, Object>> tools = SEED_TOOLS.stream().map(name -> {
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("name", name);
            tool.put("endpoint", "/mcp/tools/" + name);
            tool.put("method", "POST");
            tool.put("available", routes.definition(name).isPresent());
            routes.definition(name).ifPresent(definition -> {
                tool.put("description", definition.description());
                tool.put("input_schema", definition.inputSchema());
            });
            return tool;
        }).toList();
        return Map.of("tools", tools);
    }

    private static Map<String, Object> resource(String name, String uri, String description, List<String> params) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("name", name);
        resource.put("uri", uri);
        resource.put("description", description);
        resource.put("parameters", params);
        return resource;
    }
}
