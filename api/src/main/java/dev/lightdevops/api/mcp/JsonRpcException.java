package dev.lightdevops.api.mcp;

import org.springframework.http.HttpStatus;

/**
 * A request that fails at the JSON-RPC level (not a tool error): answered with its code, message, optional data and
 * the HTTP status its protocol era asks for (2026-07-28 answers its own errors with 400 or 404; 2025-11-25 with 200).
 */
class JsonRpcException extends RuntimeException {

    private final int code;
    private final Object data;
    private final HttpStatus status;

    JsonRpcException(int code, String message) {
        this(code, message, null, HttpStatus.OK);
    }

    JsonRpcException(int code, String message, Object data, HttpStatus status) {
        super(message);
        this.code = code;
        this.data = data;
        this.status = status;
    }

    int code() {
        return code;
    }

    Object data() {
        return data;
    }

    HttpStatus status() {
        return status;
    }

    static JsonRpcException invalidParams(String message) {
        return new JsonRpcException(JsonRpc.INVALID_PARAMS, message);
    }
}
