package dev.lightdevops.api.mcp;

/** A request that fails at the JSON-RPC level (not a tool error): answered with its code and message. */
class JsonRpcException extends RuntimeException {

    private final int code;

    JsonRpcException(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }
}
