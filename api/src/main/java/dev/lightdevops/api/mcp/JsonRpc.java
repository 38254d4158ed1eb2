package dev.lightdevops.api.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON-RPC 2.0 message bodies, the standard error codes and the codes MCP 2026-07-28 reserves. */
final class JsonRpc {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /**
     * Application error: a per-principal limit refused the call (data says when to retry). Outside -32768..-32000,
     * since 2026-07-28 reserves -32020..-32099 for codes the specification defines and closes -32000..-32019.
     */
    static final int LIMIT_EXCEEDED = -31429;
    /** 2025-11-25 and earlier only: resource not found (2026-07-28 uses -32602). */
    static final int RESOURCE_NOT_FOUND = -32002;
    static final int HEADER_MISMATCH = -32020;
    static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private JsonRpc() {
    }

    static Map<String, Object> result(Object id, Object result) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.put("result", result);
        return response;
    }

    static Map<String, Object> error(Object id, int code, String message) {
        return error(id, code, message, null);
    }

    static Map<String, Object> error(Object id, int code, String message, Object data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        if (id != null) {
            response.put("id", id);
        }
        response.put("error", error);
        return response;
    }

    static Map<String, Object> notification(String method, Object params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        message.put("params", params);
        return message;
    }
}
