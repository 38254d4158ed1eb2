package dev.lightdevops.api.mcp;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.mcp.McpSchema.Resource;
import dev.lightdevops.api.mcp.McpSchema.ResourceTemplate;
import dev.lightdevops.api.mcp.McpSchema.TextResourceContents;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolRegistry;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.tool.ToolCatalogue;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resources under {@code devops://}: operations (each one's live snapshot), deployments, logs and metrics. Logs,
 * metrics and deployments are read through their tools ({@code get_logs}, {@code get_metrics},
 * {@code list_deployments}), so a read is authorized and cached exactly as the tool call would be; the JSON a read
 * returns is the tool's structured answer.
 */
@Component
public class ResourceMethods {

    static final String OPERATIONS = "devops://operations";
    private static final String JSON = "application/json";
    private static final int LISTED_OPERATIONS = 20;

    private final OperationView view;
    private final ToolRegistry tools;
    private final McpProperties settings;
    private final JsonMapper json;

    ResourceMethods(OperationView view, ToolRegistry tools, McpProperties settings, JsonMapper json) {
        this.view = view;
        this.tools = tools;
        this.settings = settings;
        this.json = json;
    }

    McpResult.ListResourcesResult list(McpRequest request) {
        List<Resource> resources = new java.util.ArrayList<>();
        resources.add(resource(OPERATIONS, "operations", "Your recent operations",
                "The operations you started, newest first, with their status"));
        if (hasTool(ToolCatalogue.LIST_DEPLOYMENTS)) {
            resources.add(resource("devops://deployments", "deployments", "Deployments",
                    "What is live where, with history"));
        }
        mine(request).stream().limit(LISTED_OPERATIONS).forEach(operation -> resources.add(resource(
                OPERATIONS + "/" + operation.id(), "operation-" + operation.id(),
                operation.type().wireName() + " " + operation.status().wireName(),
                "Live snapshot of operation " + operation.id())));
        return new McpResult.ListResourcesResult(resources, ttlMs(request), cacheScope(request));
    }

    McpResult.ListResourceTemplatesResult templates(McpRequest request) {
        List<ResourceTemplate> templates = List.of(
                template(OPERATIONS + "/{id}", "operation", "An operation", "The live snapshot of one operation"),
                template("devops://logs/{service}{?level,query,since,until,limit}", "logs", "Logs of a service",
                        "Recent log lines of a service (read through get_logs)"),
                template("devops://metrics/{service}{?metrics,from,to,step}", "metrics", "Metrics of a service",
                        "Metric series of a service (read through get_metrics)"),
                template("devops://deployments/{service}", "deployment", "Deployments of a service",
                        "What version of a service is live in each environment, with history"));
        return new McpResult.ListResourceTemplatesResult(templates, ttlMs(request), cacheScope(request));
    }

    McpResult.ReadResourceResult read(McpRequest request) {
        String uri = request.requireText("uri");
        Object content;
        try {
            content = content(uri, request.caller());
        } catch (ResourceNotFoundException missing) {
            throw notFound(uri, request);
        } catch (ResourceRefusedException refused) {
            throw JsonRpcException.invalidParams("Cannot read " + uri + ": " + refused.result().text());
        } catch (IllegalArgumentException malformed) {
            throw JsonRpcException.invalidParams(malformed.getMessage());
        }
        return new McpResult.ReadResourceResult(List.of(new TextResourceContents(uri, JSON,
                json.writeValueAsString(content))), ttlMs(request), cacheScope(request));
    }

    /**
     * The content of a {@code devops://} resource as {@code caller} may read it: what {@code resources/read} returns
     * as JSON text, and what the original's {@code GET /mcp/resources/{resource_path}} returns as the body. Throws
     * {@link ResourceNotFoundException} for what does not exist (or the caller may not see),
     * {@link IllegalArgumentException} for a malformed URI and {@link ResourceRefusedException} when the resource's
     * tool refused the read.
     */
    public Object content(String uri, Caller caller) {
        URI parsed = parse(uri);
        List<String> path = Arrays.stream(parsed.getPath() == null ? new String[0] : parsed.getPath().split("/"))
                .filter(segment -> !segment.isEmpty()).toList();
        Map<String, Object> query = query(parsed.getRawQuery());
        String kind = parsed.getHost() == null ? "" : parsed.getHost();
        return switch (kind) {
            case "operations" -> path.isEmpty() ? Map.of("operations", mine(caller)) : operation(path.get(0), caller);
            case "logs" -> viaTool(ToolCatalogue.GET_LOGS, withService(path, query), caller);
            case "metrics" -> viaTool(ToolCatalogue.GET_METRICS, metricsArguments(path, query), caller);
            case "deployments" -> viaTool(ToolCatalogue.LIST_DEPLOYMENTS,
                    path.isEmpty() ? query : withService(path, query), caller);
            default -> throw new ResourceNotFoundException(uri);
        };
    }

    private Operation operation(String id, Caller caller) {
        return view.find(id).filter(operation -> TaskMethods.visibleTo(operation, caller))
                .orElseThrow(() -> new ResourceNotFoundException(OPERATIONS + "/" + id));
    }

    private Object viaTool(String tool, Map<String, Object> arguments, Caller caller) {
        if (!hasTool(tool)) {
            throw new ResourceNotFoundException(tool);
        }
        ToolResult result = tools.call(tool, arguments, caller);
        if (result.error()) {
            throw new ResourceRefusedException(result);
        }
        return result.structured();
    }

    private List<Operation> mine(McpRequest request) {
        return mine(request.caller());
    }

    private List<Operation> mine(Caller caller) {
        return view.all().stream().filter(operation -> TaskMethods.visibleTo(operation, caller))
                .sorted(Comparator.comparing(Operation::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /**
     * 2026-07-28 caching: templates never change, so they keep for the list ttl; what lists or reads operations is
     * live, so it is not kept at all. Both are the caller's own (private).
     */
    private Long ttlMs(McpRequest request) {
        if (!request.modern()) {
            return null;
        }
        return request.method().equals("resources/templates/list") ? settings.listTtl().toMillis() : 0L;
    }

    private static String cacheScope(McpRequest request) {
        return request.modern() ? "private" : null;
    }

    private boolean hasTool(String name) {
        return tools.all().stream().map(ToolHandler::definition).anyMatch(tool -> tool.name().equals(name));
    }

    private static Map<String, Object> withService(List<String> path, Map<String, Object> query) {
        if (path.size() != 1) {
            throw new ResourceNotFoundException(String.join("/", path));
        }
        Map<String, Object> arguments = new LinkedHashMap<>(query);
        arguments.put("service", path.get(0));
        return arguments;
    }

    private static Map<String, Object> metricsArguments(List<String> path, Map<String, Object> query) {
        Map<String, Object> arguments = withService(path, query);
        if (arguments.get("metrics") instanceof String names) {
            arguments.put("metrics", Arrays.stream(names.split(",")).map(String::trim)
                    .filter(name -> !name.isEmpty()).toList());
        }
        return arguments;
    }

    private static Map<String, Object> query(String raw) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(key, value.matches("\\d{1,9}") && key.equals("limit") ? Integer.valueOf(value) : value);
        }
        return query;
    }

    private static URI parse(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (!"devops".equals(parsed.getScheme())) {
                throw new ResourceNotFoundException(uri);
            }
            return parsed;
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("Malformed resource URI '" + uri + "'");
        }
    }

    /** Resource not found: -32002 up to 2025-11-25, -32602 from 2026-07-28 on. */
    static JsonRpcException notFound(String uri, McpRequest request) {
        return new JsonRpcException(request.modern() ? JsonRpc.INVALID_PARAMS : JsonRpc.RESOURCE_NOT_FOUND,
                "Resource not found: " + uri + " (resources/list and resources/templates/list name what exists)",
                Map.of("uri", uri), HttpStatus.OK);
    }

    private static Resource resource(String uri, String name, String title, String description) {
        return new Resource(uri, name, title, description, JSON);
    }

    private static ResourceTemplate template(String uri, String name, String title, String description) {
        return new ResourceTemplate(uri, name, title, description, JSON);
    }
}
