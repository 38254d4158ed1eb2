package dev.lightdevops.api.tools;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;

/**
 * One tool, as a bean: its catalogue definition and how to run it for a caller. The MCP endpoint and the REST routes
 * both dispatch through {@link ToolRegistry}, so a tool is written once. Refusals the caller can act on (bad
 * arguments, missing permission) are thrown as their own exception types and mapped once at each edge.
 */
public interface ToolHandler {

    ToolDefinition definition();

    /** Runs the tool; blocking is fine (a request's virtual thread). */
    ToolResult call(Map<String, Object> arguments, Caller caller);
}
