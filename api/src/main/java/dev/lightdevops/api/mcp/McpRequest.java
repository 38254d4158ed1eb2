package dev.lightdevops.api.mcp;

import dev.lightdevops.api.identity.Caller;
import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC request as the MCP layer sees it once its era is settled: everything a method needs, since nothing is
 * remembered between requests.
 *
 * @param params the request's params (an empty object when absent)
 * @param client what the client speaks and can take (era, version, capabilities, SSE, elicitation)
 * @param progressToken the {@code _meta.progressToken}, or null
 */
record McpRequest(Object id, String method, JsonNode params, ClientProfile client, Caller caller,
        Object progressToken) {

    ProtocolEra era() {
        return client.era();
    }

    boolean modern() {
        return client.era() == ProtocolEra.MODERN;
    }

    boolean acceptsEventStream() {
        return client.acceptsEventStream();
    }

    boolean formElicitation() {
        return client.formElicitation();
    }

    /** Whether this request declared the tasks extension (2026-07-28) in its client capabilities. */
    boolean declaresTasksExtension() {
        return client.declaresTasksExtension();
    }

    /** The same request with other params (the confirmed arguments of a call). */
    McpRequest withParams(JsonNode otherParams) {
        return new McpRequest(id, method, otherParams, client, caller, progressToken);
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
