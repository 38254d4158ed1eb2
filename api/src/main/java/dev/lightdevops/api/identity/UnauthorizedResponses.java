package dev.lightdevops.api.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 for a missing or invalid token (400 for a malformed request, such as a token in the URL). Spring's {@link BearerTokenAuthenticationEntryPoint} writes the status and the
 * {@code WWW-Authenticate: Bearer ..., resource_metadata="…/.well-known/oauth-protected-resource"} header (MCP
 * authorization spec); this adds a body: a JSON-RPC error for {@code /mcp}, an RFC 9457 problem elsewhere. Refusals
 * are audited; the token itself never is.
 */
final class UnauthorizedResponses implements AuthenticationEntryPoint {

    static final int JSON_RPC_UNAUTHORIZED = -32001;

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final JsonMapper json;
    private final SecurityAudit audit;

    UnauthorizedResponses(JsonMapper json, SecurityAudit audit) {
        this.json = json;
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        String detail = failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null
                ? oauth.getError().getDescription() : "a valid bearer token is required (Authorization header)";
        audit.refused(null, request.getMethod() + " " + request.getRequestURI(), null, "unauthenticated", detail);
        Map<String, Object> body = new LinkedHashMap<>();
        if (request.getRequestURI().startsWith(request.getContextPath() + "/mcp")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            body.put("jsonrpc", "2.0");
            body.put("id", null);
            body.put("error", Map.of("code", JSON_RPC_UNAUTHORIZED, "message", "Unauthorized: " + detail));
        } else {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            boolean badRequest = response.getStatus() == HttpServletResponse.SC_BAD_REQUEST;
            body.put("type", "https://lightdevops.dev/problems/" + (badRequest ? "invalid-request" : "unauthenticated"));
            body.put("title", badRequest ? "Bad Request" : "Unauthorized");
            body.put("status", response.getStatus());
            body.put("detail", detail);
        }
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
