package dev.lightdevops.api.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The parts {@link McpResult}s are made of, named and ordered as the schemas of both revisions spell them: listed
 * tools, text content, resources and prompts. Plain immutable data.
 */
final class McpSchema {

    private McpSchema() {
    }

    /** A listed tool; {@code execution} (its task support) is a 2025-11-25 field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Tool(String name, String title, String description, Map<String, Object> inputSchema,
            Map<String, Object> outputSchema, ToolAnnotations annotations, ToolExecution execution) {
    }

    /** A tool's hints; a read-only tool says nothing about being destructive. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolAnnotations(String title, boolean readOnlyHint, Boolean destructiveHint, boolean idempotentHint,
            boolean openWorldHint) {
    }

    /** Whether a tool runs as a task: {@code optional} or {@code forbidden}. */
    record ToolExecution(String taskSupport) {
    }

    record TextContent(String type, String text) {

        TextContent(String text) {
            this("text", text);
        }
    }

    record Resource(String uri, String name, String title, String description, String mimeType) {
    }

    record ResourceTemplate(String uriTemplate, String name, String title, String description, String mimeType) {
    }

    record TextResourceContents(String uri, String mimeType, String text) {
    }

    record Prompt(String name, String title, String description, List<PromptArgument> arguments) {
    }

    record PromptArgument(String name, String description, boolean required) {
    }

    record PromptMessage(String role, TextContent content) {
    }
}
