package dev.lightdevops.api.rest;

import dev.lightdevops.api.identity.CallerResolver;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolRegistry;
import dev.lightdevops.common.tool.ToolDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every MCP tool as plain REST: list them, call one by name with its arguments as the JSON body. */
@RestController
@RequestMapping(path = "/api/v1/tools", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "tools", description = "The MCP tools, callable over plain REST")
class ToolsController {

    private final ToolRegistry tools;
    private final CallerResolver callers;

    ToolsController(ToolRegistry tools, CallerResolver callers) {
        this.tools = tools;
        this.callers = callers;
    }

    @GetMapping
    @Operation(operationId = "listTools", summary = "List the tools with their input and output schemas")
    Map<String, Object> list() {
        List<Map<String, Object>> listed = tools.all().stream().map(ToolHandler::definition)
                .map(ToolsController::describe).toList();
        return Map.of("tools", listed);
    }

    @PostMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "callTool", summary = "Call a tool by name",
            description = "The body is the tool's arguments object. A tool that starts an operation answers 202 with "
                    + "the operation id, its status and a placeholder result; poll the Location.")
    @ApiResponse(responseCode = "200", description = "The tool's structured result")
    @ApiResponse(responseCode = "202", description = "An operation was accepted; its result is a placeholder")
    @ApiResponse(responseCode = "400", description = "Invalid arguments",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Permission denied",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "Unknown tool",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> call(
            @Parameter(description = "tool name, as listed by GET /api/v1/tools") @PathVariable String name,
            @RequestBody(required = false) @Schema(type = "object") Map<String, Object> arguments,
            HttpServletRequest request) {
        return ToolResponses.toHttp(tools.call(name, arguments == null ? Map.of() : arguments,
                callers.resolve(request)));
    }

    static Map<String, Object> describe(ToolDefinition tool) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", tool.name());
        described.put("title", tool.title());
        described.put("description", tool.description());
        described.put("kind", tool.kind().name().toLowerCase());
        described.put("long_running", tool.longRunning());
        described.put("input_schema", tool.inputSchema());
        described.put("output_schema", tool.outputSchema());
        return described;
    }
}
