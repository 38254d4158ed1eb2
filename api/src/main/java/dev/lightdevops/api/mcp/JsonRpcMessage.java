package dev.lightdevops.api.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON-RPC 2.0 messages this server sends, named as MCP's schema names them: a response is a result response or
 * an error response, a notification has no id. Plain immutable data whose components are written in the order
 * declared, as the specification spells them: a result response always carries its id and result, an error
 * response its id only when the request had one that could be read, an error object its data only when there is
 * some.
 */
sealed interface JsonRpcMessage {

    String VERSION = "2.0";

    String jsonrpc();

    /** A method's result, for the request with this id. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ResultResponse(String jsonrpc, Object id, McpResult result) implements JsonRpcMessage {
    }

    /** A request that failed at the JSON-RPC level (not a tool error, which is a result). */
    record ErrorResponse(String jsonrpc, @JsonInclude(JsonInclude.Include.NON_NULL) Object id, ErrorObject error)
            implements JsonRpcMessage {
    }

    /** The error of an {@link ErrorResponse}: one of {@link JsonRpc}'s codes, a message, and optional data. */
    record ErrorObject(int code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) Object data) {
    }

    /** A request this server makes of the client (a confirmation question), answered by a POSTed response. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Request(String jsonrpc, Object id, String method, Object params) implements JsonRpcMessage {
    }

    /** A message the client does not answer (progress, resource updates). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Notification(String jsonrpc, String method, Object params) implements JsonRpcMessage {
    }

    static ResultResponse result(Object id, McpResult result) {
        return new ResultResponse(VERSION, id, result);
    }

    static ErrorResponse error(Object id, int code, String message) {
        return error(id, code, message, null);
    }

    static ErrorResponse error(Object id, int code, String message, Object data) {
        return new ErrorResponse(VERSION, id, new ErrorObject(code, message, data));
    }

    static Request request(Object id, String method, Object params) {
        return new Request(VERSION, id, method, params);
    }

    static Notification notification(String method, Object params) {
        return new Notification(VERSION, method, params);
    }
}
