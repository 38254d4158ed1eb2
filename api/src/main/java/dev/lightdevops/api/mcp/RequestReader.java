package dev.lightdevops.api.mcp;

import dev.lightdevops.api.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Settles the era of one request and checks what that era requires of it. A request is 2026-07-28 when its
 * {@code _meta} claims a protocol version or its {@code MCP-Protocol-Version} header names a version that is not a
 * legacy one; any other request is served as 2025-11-25 without a session. For 2026-07-28 the per-request {@code _meta}
 * and the {@code Mcp-Method}/{@code Mcp-Name} headers are checked against the body, as the transport requires.
 */
@Component
class RequestReader {

    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    private static final List<String> NAMED_METHODS = List.of("tools/call", "resources/read", "prompts/get");
    private static final List<String> TASK_METHODS = List.of("tasks/get", "tasks/update", "tasks/cancel");

    private final JsonMapper json;

    RequestReader(JsonMapper json) {
        this.json = json;
    }

    McpRequest read(JsonNode message, HttpServletRequest http, Caller caller) {
        Object id = json.treeToValue(message.get("id"), Object.class);
        String method = message.get("method").asString();
        JsonNode params = message.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw JsonRpcException.invalidParams("params must be an object");
        }
        params = params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params;
        JsonNode meta = params.get("_meta");
        String header = http.getHeader("MCP-Protocol-Version");
        boolean metaClaim = meta != null && meta.isObject() && meta.has(META_VERSION);
        boolean headerClaim = header != null && !ProtocolEra.LEGACY_VERSIONS.contains(header);
        boolean accepts = acceptsEventStream(http);
        Object progressToken = progressToken(meta);
        if (!metaClaim && !headerClaim) {
            String version = header == null ? ProtocolEra.LATEST_LEGACY : header;
            return new McpRequest(id, method, params, new ClientProfile(ProtocolEra.LEGACY, version, null, accepts,
                    ElicitationSessions.formElicitation(http)), caller, progressToken);
        }
        String version = modernVersion(meta, header);
        JsonNode capabilities = meta.get(META_CAPABILITIES);
        if (capabilities == null || !capabilities.isObject()) {
            throw badRequest(JsonRpc.INVALID_PARAMS, "Invalid params: _meta[\"" + META_CAPABILITIES
                    + "\"] is required on every 2026-07-28 request (an object; {} when the client has none)", null);
        }
        checkRoutingHeaders(method, params, http);
        return new McpRequest(id, method, params, new ClientProfile(ProtocolEra.MODERN, version, capabilities, accepts,
                ElicitationSessions.declaresForm(capabilities)), caller, progressToken);
    }

    private static String modernVersion(JsonNode meta, String header) {
        if (meta == null || !meta.isObject() || !meta.has(META_VERSION) || !meta.get(META_VERSION).isString()) {
            if (header != null && !ProtocolEra.isKnown(header)) {
                throw unsupported(header);
            }
            throw badRequest(JsonRpc.INVALID_PARAMS, "Invalid params: params._meta[\"" + META_VERSION
                    + "\"] is required on every 2026-07-28 request (the MCP-Protocol-Version header says "
                    + header + ")", null);
        }
        String claimed = meta.get(META_VERSION).asString();
        if (header == null) {
            throw badRequest(JsonRpc.HEADER_MISMATCH, "Header mismatch: the MCP-Protocol-Version header is "
                    + "required and must equal _meta[\"" + META_VERSION + "\"] (" + claimed + ")", null);
        }
        if (!header.equals(claimed)) {
            throw badRequest(JsonRpc.HEADER_MISMATCH, "Header mismatch: MCP-Protocol-Version header value '"
                    + header + "' does not match _meta protocol version '" + claimed + "'", null);
        }
        if (!ProtocolEra.MODERN_VERSIONS.contains(claimed)) {
            throw unsupported(claimed);
        }
        return claimed;
    }

    private static void checkRoutingHeaders(String method, JsonNode params, HttpServletRequest http) {
        String methodHeader = http.getHeader("Mcp-Method");
        if (methodHeader == null) {
            throw badRequest(JsonRpc.HEADER_MISMATCH,
                    "Header mismatch: the Mcp-Method header is required and must equal the body method '" + method
                            + "'", null);
        }
        if (!methodHeader.equals(method)) {
            throw badRequest(JsonRpc.HEADER_MISMATCH, "Header mismatch: Mcp-Method header value '" + methodHeader
                    + "' does not match body method '" + method + "'", null);
        }
        String nameHeader = decode(http.getHeader("Mcp-Name"));
        String bodyName = NAMED_METHODS.contains(method) ? text(params, "resources/read".equals(method) ? "uri" : "name")
                : TASK_METHODS.contains(method) ? text(params, "taskId") : null;
        if (NAMED_METHODS.contains(method) && nameHeader == null) {
            throw badRequest(JsonRpc.HEADER_MISMATCH, "Header mismatch: the Mcp-Name header is required on "
                    + method + " and must equal the body value '" + bodyName + "'", null);
        }
        if (nameHeader != null && bodyName != null && !nameHeader.equals(bodyName)) {
            throw badRequest(JsonRpc.HEADER_MISMATCH, "Header mismatch: Mcp-Name header value '" + nameHeader
                    + "' does not match body value '" + bodyName + "'", null);
        }
    }

    /** Decodes the {@code =?base64?...?=} sentinel form of a header value. */
    static String decode(String header) {
        if (header != null && header.startsWith("=?base64?") && header.endsWith("?=") && header.length() >= 11) {
            try {
                return new String(Base64.getDecoder().decode(header.substring(9, header.length() - 2)),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                throw badRequest(JsonRpc.HEADER_MISMATCH,
                        "Header mismatch: Mcp-Name carries an invalid base64 value", null);
            }
        }
        return header;
    }

    static JsonRpcException unsupported(String requested) {
        return badRequest(JsonRpc.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version '" + requested
                + "': this server speaks " + String.join(", ", ProtocolEra.ALL_VERSIONS),
                Map.of("supported", ProtocolEra.ALL_VERSIONS, "requested", Objects.toString(requested)));
    }

    private static JsonRpcException badRequest(int code, String message, Object data) {
        return new JsonRpcException(code, message, data, HttpStatus.BAD_REQUEST);
    }

    private static Object progressToken(JsonNode meta) {
        JsonNode token = meta == null ? null : meta.get("progressToken");
        if (token == null || !(token.isString() || token.isIntegralNumber())) {
            return null;
        }
        return token.isString() ? token.asString() : token.numberValue();
    }

    private static boolean acceptsEventStream(HttpServletRequest http) {
        String accept = http.getHeader("Accept");
        return accept != null && accept.contains("text/event-stream");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
