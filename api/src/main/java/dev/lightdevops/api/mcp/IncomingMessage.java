package dev.lightdevops.api.mcp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one JSON-RPC message a client POSTed is, decided once from its shape: a request to answer, a notification
 * (accepted, nothing to answer), a client's response to a question this server asked (an elicitation), or no valid
 * JSON-RPC 2.0 message at all (answered {@link JsonRpc#INVALID_REQUEST} with the reason).
 */
sealed interface IncomingMessage {

    /** A request with a method and a string or integer id; {@code message} is the whole object, for its params. */
    record Request(Object id, JsonNode message) implements IncomingMessage {
    }

    record Notification() implements IncomingMessage {
    }

    /** A result or an error a client sends back for one of this server's questions. */
    record ClientResponse(JsonNode message) implements IncomingMessage {
    }

    /** {@code id} is the message's id when it has a readable one, so the error can name it. */
    record Invalid(Object id, String reason) implements IncomingMessage {
    }

    static IncomingMessage of(JsonNode message, JsonMapper json) {
        if (message == null || !message.isObject() || !"2.0".equals(text(message, "jsonrpc"))) {
            return new Invalid(idOf(message, json),
                    "Invalid request: expected a JSON-RPC 2.0 object with \"jsonrpc\": \"2.0\"");
        }
        if (!message.has("id")) {
            return text(message, "method") != null ? new Notification()
                    : new Invalid(null, "Invalid request: a message needs a string \"method\"");
        }
        if (!message.has("method") && (message.has("result") || message.has("error"))) {
            return new ClientResponse(message);
        }
        JsonNode id = message.get("id");
        if (text(message, "method") == null || !(id.isString() || id.isIntegralNumber())) {
            return new Invalid(idOf(message, json),
                    "Invalid request: \"method\" must be a string and \"id\" a string or an integer (not null)");
        }
        return new Request(json.treeToValue(id, Object.class), message);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static Object idOf(JsonNode message, JsonMapper json) {
        JsonNode id = message != null && message.isObject() ? message.get("id") : null;
        return id == null || !(id.isString() || id.isIntegralNumber()) ? null : json.treeToValue(id, Object.class);
    }
}
