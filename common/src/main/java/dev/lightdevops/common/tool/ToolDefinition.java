package dev.lightdevops.common.tool;

import java.util.Map;

/**
 * A tool as the catalogue describes it: its MCP name, a title for people, the JSON Schemas of its input and of its
 * structured output, what kind of call it is, and the MCP annotations a client may show or act on.
 *
 * @param kind whether the tool only reads or changes something, which drives permissions and limits
 * @param longRunning whether the tool starts an operation a client may follow as a task
 * @param hints the MCP tool annotations, stated per tool (they are promises to clients, so never derived loosely)
 */
public record ToolDefinition(String name, String title, String description, Map<String, Object> inputSchema,
        Map<String, Object> outputSchema, Kind kind, boolean longRunning, Hints hints) {

    /** What calling the tool does to the world. */
    public enum Kind {
        /** Reads only; safe to repeat. */
        READ,
        /** Changes something (a deploy, a rollback, a cancel, an approval). */
        MUTATING
    }

    /**
     * MCP {@code ToolAnnotations}: {@code readOnlyHint}, {@code destructiveHint} (meaningful for tools that are not
     * read-only), {@code idempotentHint} (repeating the call with the same arguments has no further effect) and
     * {@code openWorldHint} (the tool reaches systems outside this server: a deploy target, Datadog).
     */
    public record Hints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

        public static Hints read(boolean openWorld) {
            return new Hints(true, false, true, openWorld);
        }

        public static Hints change(boolean destructive, boolean idempotent, boolean openWorld) {
            return new Hints(false, destructive, idempotent, openWorld);
        }
    }

    public ToolDefinition {
        if (hints.readOnly() != (kind == Kind.READ)) {
            throw new IllegalArgumentException(name + ": readOnlyHint must match the tool's kind");
        }
    }

    public boolean mutating() {
        return kind == Kind.MUTATING;
    }
}
