package dev.lightdevops.api.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.lightdevops.api.mcp.McpSchema.Prompt;
import dev.lightdevops.api.mcp.McpSchema.PromptMessage;
import dev.lightdevops.api.mcp.McpSchema.Resource;
import dev.lightdevops.api.mcp.McpSchema.ResourceTemplate;
import dev.lightdevops.api.mcp.McpSchema.TextContent;
import dev.lightdevops.api.mcp.McpSchema.TextResourceContents;
import dev.lightdevops.api.mcp.McpSchema.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of an MCP method, named as both revisions' schemas name them and written with their field names in the
 * order declared; what a result holds in only one era (a list's {@code ttlMs} and {@code cacheScope}, a task's ttl
 * spelling) is absent from the other's JSON. Plain immutable data: the methods build them, the edges only write them.
 * Free-form parts (capabilities, schemas, a tool's structured content, {@code _meta}) stay maps.
 */
sealed interface McpResult {

    /** What a 2026-07-28 client reads in {@code resultType}: {@code complete} unless the result is something else. */
    default String resultType() {
        return "complete";
    }

    /** {@code ping}, {@code logging/setLevel}, and a 2026-07-28 {@code tasks/cancel} or {@code tasks/update}. */
    record EmptyResult() implements McpResult {
    }

    record InitializeResult(String protocolVersion, Map<String, Object> capabilities, Map<String, Object> serverInfo,
            String instructions) implements McpResult {
    }

    record DiscoverResult(List<String> supportedVersions, Map<String, Object> capabilities, String instructions,
            long ttlMs, String cacheScope) implements McpResult {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListToolsResult(List<Tool> tools, Long ttlMs, String cacheScope) implements McpResult {
    }

    /**
     * A tool's answer, or a terminal operation's. {@code structuredContent} is absent on a tool error; {@code _meta}
     * only names the related task of a 2025-11-25 {@code tasks/result}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CallToolResult(List<TextContent> content, Map<String, Object> structuredContent,
            @JsonProperty("isError") boolean isError, @JsonProperty("_meta") Map<String, Object> meta)
            implements McpResult {

        static CallToolResult of(String text, Map<String, Object> structuredContent, boolean isError) {
            return new CallToolResult(List.of(new TextContent(text)), structuredContent, isError, null);
        }

        CallToolResult relatedTo(String taskId) {
            return new CallToolResult(content, structuredContent, isError,
                    Map.of("io.modelcontextprotocol/related-task", Map.of("taskId", taskId)));
        }
    }

    /** 2025-11-25: an operation as a task ({@code tasks/get}, {@code tasks/cancel}, inside a CreateTaskResult). */
    record LegacyTask(String taskId, String status, String statusMessage, String createdAt, String lastUpdatedAt,
            long ttl, long pollInterval) implements McpResult {
    }

    /** 2026-07-28: an operation as a task; its {@code tasks/get} inlines the final result once there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModernTask(String taskId, String status, String statusMessage, String createdAt, String lastUpdatedAt,
            long ttlMs, long pollIntervalMs, CallToolResult result) implements McpResult {
    }

    /** 2025-11-25: a tools/call that became a task. */
    record CreateTaskResult(LegacyTask task) implements McpResult {
    }

    /** 2026-07-28: a tools/call that became a task is the task itself, whose result type says so. */
    record TaskCreated(@JsonUnwrapped ModernTask task) implements McpResult {
        @Override
        public String resultType() {
            return "task";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListTasksResult(List<LegacyTask> tasks, String nextCursor) implements McpResult {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListResourcesResult(List<Resource> resources, Long ttlMs, String cacheScope) implements McpResult {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListResourceTemplatesResult(List<ResourceTemplate> resourceTemplates, Long ttlMs, String cacheScope)
            implements McpResult {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReadResourceResult(List<TextResourceContents> contents, Long ttlMs, String cacheScope)
            implements McpResult {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListPromptsResult(List<Prompt> prompts, Long ttlMs, String cacheScope) implements McpResult {

        /** The same for everyone, so any cache may keep it for {@code ttlMs}. */
        ListPromptsResult cacheable(long ttlMs) {
            return new ListPromptsResult(prompts, ttlMs, "public");
        }
    }

    record GetPromptResult(String description, List<PromptMessage> messages) implements McpResult {
    }

    /** A 2026-07-28 result that already says what it is and who answered: sent as it is. */
    sealed interface SelfDescribed extends McpResult {
    }

    /**
     * 2026-07-28: a call that needs its user's answer first. It says what it is and who answered by itself, so it is
     * never {@link Completed} again.
     */
    record InputRequiredResult(String resultType, Map<String, Object> inputRequests, String requestState,
            @JsonProperty("_meta") Map<String, Object> meta) implements SelfDescribed {

        InputRequiredResult(Map<String, Object> inputRequests, String requestState) {
            this("input_required", inputRequests, requestState, Completed.serverInfo());
        }
    }

    /** 2026-07-28: the end of a {@code subscriptions/listen} stream; like {@link InputRequiredResult}, complete. */
    record ListenEnded(@JsonProperty("_meta") Map<String, Object> meta, String resultType) implements SelfDescribed {

        ListenEnded(Map<String, Object> meta) {
            this(Completed.withServerInfo(meta), "complete");
        }
    }

    /**
     * A 2026-07-28 result as sent: the result's own fields, then what it is ({@code resultType}) and who answered
     * ({@code _meta}'s serverInfo). Only results without a {@code _meta} of their own are completed this way.
     */
    record Completed(@JsonUnwrapped McpResult result, String resultType, @JsonProperty("_meta") Map<String, Object> meta)
            implements SelfDescribed {

        static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";

        /** 2026-07-28 results say what they are and who answered; 2025-11-25 results are sent as they are. */
        static McpResult of(McpResult result, McpRequest request) {
            if (!request.modern() || result instanceof SelfDescribed) {
                return result;
            }
            return new Completed(result, result.resultType(), serverInfo());
        }

        static Map<String, Object> serverInfo() {
            return Map.of(SERVER_INFO, ServerDescription.SERVER_INFO);
        }

        static Map<String, Object> withServerInfo(Map<String, Object> meta) {
            Map<String, Object> merged = new LinkedHashMap<>(meta);
            merged.put(SERVER_INFO, ServerDescription.SERVER_INFO);
            return merged;
        }
    }
}
