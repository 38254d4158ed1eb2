package dev.lightdevops.api.mcp;

/** JSON-RPC 2.0's standard error codes and the codes MCP 2026-07-28 reserves (the messages: {@link JsonRpcMessage}). */
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
}
