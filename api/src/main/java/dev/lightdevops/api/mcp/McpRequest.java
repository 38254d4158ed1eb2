package dev.lightdevops.api.mcp;

import dev.lightdevops.api.security.Caller;
import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC request as the MCP layer sees it once its era is settled: everything a method needs, since nothing is
 * remembered between requests.
 *
 * @param params the request's params (an empty object when absent)
 * @param clientCapabilities what the client declared (2026-07-28: in {@code _meta} of this very request; 2025-11-25:
 *     nothing is known, as there is no session)
 * @param progressToken the {@code _meta.progressToken}, or null
 * @param acceptsEventStream whether the client's {@code Accept} allows an SSE response
 */
record McpRequest(Object id, String method, JsonNode params, ProtocolEra era, String protocolVersion,
        JsonNode clientCapabilities, Caller caller, Object progressToken, boolean acceptsEventStream) {

    static final String TASKS_EXTENSION = "io.modelcontextprotocol/tasks";

    boolean modern() {
        return era == ProtocolEra.MODERN;
    }

    /** Whether this request declared the tasks extension (2026-07-28) in its client capabilities. */
    boolean declaresTasksExtension() {
        JsonNode extensions = clientCapabilities == null ? null : clientCapabilities.get("extensions");
        return extensions != null && extensions.has(TASKS_EXTENSION);
    }

    String text(String field) {
        JsonNode value = params.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    String requireText(String field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            throw JsonRpcException.invalidParams(method + " needs params." + field + " (a non-empty string)");
        }
        return value;
    }
}
