package dev.lightdevops.api.rest;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolRegistry;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.api.tools.UnknownToolException;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Fixed routes backed by a tool of a given name (deployments, logs, metrics, the seed routes). Dispatching by name
 * keeps every route on the one implementation of its tool; every catalogue tool has a handler, so a route's tool is
 * always there (a name the registry does not know is its {@link UnknownToolException}).
 */
@Component
public class ToolRoutes {

    private final ToolRegistry tools;

    ToolRoutes(ToolRegistry tools) {
        this.tools = tools;
    }

    public Optional<ToolDefinition> definition(String tool) {
        return tools.all().stream().map(ToolHandler::definition).filter(d -> d.name().equals(tool)).findFirst();
    }

    public ToolResult call(String tool, Map<String, Object> arguments, Caller caller) {
        return tools.call(tool, arguments, caller);
    }

    /** Calls a tool with query parameters as arguments, typed by its input schema. */
    public ToolResult callWithQuery(String tool, Map<String, ?> query, Caller caller) {
        ToolDefinition definition = definition(tool).orElseThrow(() -> new UnknownToolException(tool));
        return tools.call(tool, ToolArguments.fromQuery(query, definition), caller);
    }
}
