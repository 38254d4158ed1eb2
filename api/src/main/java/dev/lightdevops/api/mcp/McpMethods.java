package dev.lightdevops.api.mcp;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Routes a request to its method by era. Each era knows only its own methods: 2026-07-28 has no initialize, ping,
 * logging/setLevel, tasks/result or tasks/list (404, -32601, saying what replaced them); 2025-11-25 has no
 * subscriptions/listen, and no resources/subscribe since there is no session stream to deliver updates on.
 */
@Component
class McpMethods {

    private static final List<String> LOG_LEVELS = List.of("debug", "info", "notice", "warning", "error",
            "critical", "alert", "emergency");

    private final ServerDescription server;
    private final ToolCalls tools;
    private final TaskMethods tasks;
    private final ResourceMethods resources;
    private final PromptMethods prompts;
    private final McpProperties settings;

    McpMethods(ServerDescription server, ToolCalls tools, TaskMethods tasks, ResourceMethods resources,
            PromptMethods prompts, McpProperties settings) {
        this.server = server;
        this.tools = tools;
        this.tasks = tasks;
        this.resources = resources;
        this.prompts = prompts;
        this.settings = settings;
    }

    McpResult dispatch(McpRequest request) {
        return McpResult.Completed.of(request.modern() ? modern(request) : legacy(request), request);
    }

    private McpResult modern(McpRequest request) {
        return switch (request.method()) {
            case "server/discover" -> server.discoverResult();
            case "tools/list" -> tools.list(request);
            case "tools/call" -> tools.call(request);
            case "resources/list" -> resources.list(request);
            case "resources/templates/list" -> resources.templates(request);
            case "resources/read" -> resources.read(request);
            case "prompts/list" -> prompts.list(request).cacheable(settings.listTtl().toMillis());
            case "prompts/get" -> prompts.get(request);
            case "tasks/get" -> tasks.get(request);
            case "tasks/update" -> tasks.update(request);
            case "tasks/cancel" -> tasks.cancel(request);
            default -> throw new JsonRpcException(JsonRpc.METHOD_NOT_FOUND, modernNotFound(request.method()), null,
                    HttpStatus.NOT_FOUND);
        };
    }

    private McpResult legacy(McpRequest request) {
        return switch (request.method()) {
            case "initialize" -> server.initializeResult(requestedVersion(request));
            case "ping" -> new McpResult.EmptyResult();
            case "logging/setLevel" -> setLevel(request);
            case "server/discover" -> server.discoverResult();
            case "tools/list" -> tools.list(request);
            case "tools/call" -> tools.call(request);
            case "resources/list" -> resources.list(request);
            case "resources/templates/list" -> resources.templates(request);
            case "resources/read" -> resources.read(request);
            case "prompts/list" -> prompts.list(request);
            case "prompts/get" -> prompts.get(request);
            case "tasks/get" -> tasks.get(request);
            case "tasks/result" -> tasks.result(request);
            case "tasks/list" -> tasks.list(request);
            case "tasks/cancel" -> tasks.cancel(request);
            case "resources/subscribe", "resources/unsubscribe" -> throw new JsonRpcException(
                    JsonRpc.METHOD_NOT_FOUND, request.method() + " is not offered: this server keeps no sessions, "
                    + "so there is no stream to deliver notifications/resources/updated on. Read the resource again, "
                    + "or use MCP 2026-07-28 subscriptions/listen");
            default -> throw new JsonRpcException(JsonRpc.METHOD_NOT_FOUND, "Method not found: '" + request.method()
                    + "'. This server offers initialize, ping, logging/setLevel, tools/*, prompts/*, "
                    + "resources/list|read|templates/list and tasks/get|result|list|cancel");
        };
    }

    /** initialize requires params.protocolVersion (a string); an unknown one is negotiated, a missing one refused. */
    private static String requestedVersion(McpRequest request) {
        String version = request.text("protocolVersion");
        if (version == null) {
            throw JsonRpcException.invalidParams("initialize needs params.protocolVersion, a string such as "
                    + "\"" + ProtocolEra.LATEST_LEGACY + "\"");
        }
        return version;
    }

    private static McpResult.EmptyResult setLevel(McpRequest request) {
        String level = request.text("level");
        if (level == null || !LOG_LEVELS.contains(level)) {
            throw JsonRpcException.invalidParams("logging/setLevel needs params.level, one of " + LOG_LEVELS);
        }
        return new McpResult.EmptyResult();
    }

    private static String modernNotFound(String method) {
        String replacement = switch (method) {
            case "initialize" -> " (2026-07-28 has no handshake: send _meta on every request; server/discover "
                    + "describes the server)";
            case "ping", "logging/setLevel" -> " (removed in 2026-07-28)";
            case "tasks/result", "tasks/list" -> " (removed from the tasks extension: tasks/get inlines the result)";
            case "resources/subscribe", "resources/unsubscribe" -> " (use subscriptions/listen)";
            default -> "";
        };
        return "Method not found: '" + method + "'" + replacement;
    }
}
