package dev.lightdevops.common.tool;

import java.util.Map;

/** A tool as the catalogue describes it: its MCP name, a title for people, and the JSON Schema of its input. */
public record ToolDefinition(String name, String title, String description, Map<String, Object> inputSchema,
        boolean mutating) {
}
