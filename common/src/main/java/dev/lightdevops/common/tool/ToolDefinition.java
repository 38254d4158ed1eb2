package dev.lightdevops.common.tool;

import java.util.Map;

/**
 * A tool as the catalogue describes it: its MCP name, a title for people, the JSON Schemas of its input and of its
 * structured output, and what kind of call it is.
 *
 * @param kind whether the tool only reads or changes something, which drives MCP annotations and permissions
 * @param longRunning whether the tool starts an operation a client may follow as a task
 */
public record ToolDefinition(String name, String title, String description, Map<String, Object> inputSchema,
        Map<String, Object> outputSchema, Kind kind, boolean longRunning) {

    /** What calling the tool does to the world. */
    public enum Kind {
        /** Reads only; safe to repeat. */
        READ,
        /** Changes something (a deploy, a rollback, a cancel); destructive in MCP's terms. */
        MUTATING
    }

    public boolean mutating() {
        return kind == Kind.MUTATING;
    }
}
