package dev.lightdevops.api.mcp;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.identity.ToolPermissions;
import dev.lightdevops.api.mcp.McpSchema.Tool;
import dev.lightdevops.api.mcp.McpSchema.ToolAnnotations;
import dev.lightdevops.api.mcp.McpSchema.ToolExecution;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.operations.OperationsProperties;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolRegistry;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tools/list} and {@code tools/call} over the {@link ToolRegistry}, in both eras. A long-running tool becomes a
 * task when the client asked for one (2025-11-25: a {@code task} param; 2026-07-28: the tasks extension declared in
 * the request's capabilities); the task is the operation, answered only after its command is durable in Kafka.
 */
@Component
class ToolCalls {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final ToolRegistry tools;
    private final ToolPermissions permissions;
    private final OperationView view;
    private final ApiProperties api;
    private final McpProperties settings;
    private final OperationsProperties operations;
    private final JsonMapper json;

    ToolCalls(ToolRegistry tools, ToolPermissions permissions, OperationView view, ApiProperties api,
            McpProperties settings, OperationsProperties operations, JsonMapper json) {
        this.tools = tools;
        this.permissions = permissions;
        this.view = view;
        this.api = api;
        this.settings = settings;
        this.operations = operations;
        this.json = json;
    }

    /** Only the tools the caller's role may use, so a 2026-07-28 cache keeps the list for this caller only. */
    McpResult.ListToolsResult list(McpRequest request) {
        List<Tool> listed = tools.all().stream().map(ToolHandler::definition)
                .filter(tool -> permissions.offeredTo(tool.name(), request.caller()))
                .map(tool -> describe(tool, request.era())).toList();
        return request.modern() ? new McpResult.ListToolsResult(listed, settings.listTtl().toMillis(), "private")
                : new McpResult.ListToolsResult(listed, null, null);
    }

    /** The tool's answer: a CallToolResult, or a CreateTaskResult when the call became a task. */
    McpResult call(McpRequest request) {
        ToolDefinition tool = resolve(request);
        boolean asTask = wantsTask(request, tool);
        ToolResult result = invoke(request, tool);
        Optional<Operation> operation = asTask ? operationOf(result) : Optional.empty();
        if (operation.isPresent()) {
            return createTaskResult(operation.get(), request);
        }
        if (asTask && !request.modern()) {
            throw JsonRpcException.invalidParams(tool.name() + " refused the call: " + result.text());
        }
        return callToolResult(result);
    }

    ToolDefinition resolve(McpRequest request) {
        String name = request.requireText("name");
        ToolDefinition tool = tools.all().stream().map(ToolHandler::definition)
                .filter(candidate -> candidate.name().equals(name)).findFirst()
                .orElseThrow(() -> JsonRpcException.invalidParams("Unknown tool '" + name
                        + "': tools/list names the tools you may call"));
        JsonNode task = request.params().get("task");
        if (!request.modern() && task != null && !task.isNull() && !tool.longRunning()) {
            throw new JsonRpcException(JsonRpc.METHOD_NOT_FOUND, tool.name() + " does not run as a task "
                    + "(execution.taskSupport is forbidden): call it without the task param");
        }
        return tool;
    }

    ToolResult invoke(McpRequest request, ToolDefinition tool) {
        JsonNode arguments = request.params().get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw JsonRpcException.invalidParams("tools/call params.arguments must be an object");
        }
        Map<String, Object> args = arguments == null || arguments.isNull() ? Map.of()
                : json.convertValue(arguments, OBJECT);
        return tools.call(tool.name(), args, request.caller());
    }

    boolean wantsTask(McpRequest request, ToolDefinition tool) {
        if (!tool.longRunning()) {
            return false;
        }
        if (request.modern()) {
            return request.declaresTasksExtension();
        }
        JsonNode task = request.params().get("task");
        return task != null && task.isObject();
    }

    /** The operation a tool result started, as fresh as this instance's view knows it. */
    Optional<Operation> operationOf(ToolResult result) {
        if (result.error() || result.structured() == null) {
            return Optional.empty();
        }
        Object operation = result.structured().get("operation");
        if (!(operation instanceof Operation started)) {
            return Optional.empty();
        }
        return Optional.of(view.find(started.id()).orElse(started));
    }

    private McpResult createTaskResult(Operation operation, McpRequest request) {
        if (request.modern()) {
            return new McpResult.TaskCreated(TaskViews.modernTask(operation, operations.retention(),
                    api.pollInterval()));
        }
        return new McpResult.CreateTaskResult(TaskViews.legacyTask(operation, operations.retention(),
                api.pollInterval()));
    }

    /**
     * A tool's answer as a CallToolResult. An error result carries no {@code structuredContent}: clients validate
     * structured content against the tool's output schema, which describes success, so the error's code and
     * retryability go into the text instead.
     */
    static McpResult.CallToolResult callToolResult(ToolResult result) {
        if (result.error()) {
            return McpResult.CallToolResult.of(errorText(result), null, true);
        }
        return McpResult.CallToolResult.of(result.text(), result.structured(), false);
    }

    private static String errorText(ToolResult result) {
        if (result.structured() != null && result.structured().get("error") instanceof Map<?, ?> error) {
            return result.text() + " (error code: " + error.get("code") + ", retryable: " + error.get("retryable")
                    + ")";
        }
        return result.text();
    }

    private static Tool describe(ToolDefinition tool, ProtocolEra era) {
        ToolDefinition.Hints hints = tool.hints();
        ToolAnnotations annotations = new ToolAnnotations(tool.title(), hints.readOnly(),
                hints.readOnly() ? null : hints.destructive(), hints.idempotent(), hints.openWorld());
        ToolExecution execution = era == ProtocolEra.LEGACY
                ? new ToolExecution(tool.longRunning() ? "optional" : "forbidden") : null;
        return new Tool(tool.name(), tool.title(), tool.description(), tool.inputSchema(), tool.outputSchema(),
                annotations, execution);
    }
}
