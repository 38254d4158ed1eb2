package dev.lightdevops.api.mcp;

import dev.lightdevops.api.identity.Caller;
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
 * @param formElicitation whether the client can ask its user through a form elicitation (2026-07-28: declared in
 *     this request's capabilities; 2025-11-25: declared at initialize, which this server carries in the session id it
 *     minted then, see {@link ElicitationSessions})
 */
record McpRequest(Object id, String method, JsonNode params, ProtocolEra era, String protocolVersion,
        JsonNode clientCapabilities, Caller caller, Object progressToken, boolean acceptsEventStream,
        boolean formElicitation) {

    static final String TASKS_EXTENSION = "io.modelcontextprotocol/tasks";

    /** A request from a client that cannot be asked anything (no elicitation). */
    McpRequest(Object id, String method, JsonNode params, ProtocolEra era, String protocolVersion,
            JsonNode clientCapabilities, Caller caller, Object progressToken, boolean acceptsEventStream) {
        this(id, method, params, era, protocolVersion, clientCapabilities, caller, progressToken, acceptsEventStream,
                false);
    }

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
