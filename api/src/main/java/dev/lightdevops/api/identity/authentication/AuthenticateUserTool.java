package dev.lightdevops.api.identity.authentication;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.TokenClaims;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.observability.Redaction;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * {@code authenticate_user}: who the caller is and what it may do, from its validated token. Given a {@code token}
 * argument (seed compatibility) it validates that token exactly as a bearer token is validated and describes it.
 */
@Component
class AuthenticateUserTool implements ToolHandler {

    private final JwtDecoder decoder;
    private final TokenClaims claims;

    AuthenticateUserTool(JwtDecoder decoder, TokenClaims claims) {
        this.decoder = decoder;
        this.claims = claims;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.AUTHENTICATE_USER).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        Object token = arguments.get("token");
        if (token == null) {
            return describe(caller, caller.anonymous() ? "anonymous" : "bearer");
        }
        if (!(token instanceof String text) || text.isBlank()) {
            throw new InvalidArgumentsException("token", "must be a non-empty string (a JWT)");
        }
        Caller described;
        try {
            described = claims.callerOf(decoder.decode(text.strip()));
        } catch (JwtException | org.springframework.security.oauth2.core.OAuth2AuthenticationException invalid) {
            return ToolResult.failed("invalid_token", "the token is not valid: "
                    + Redaction.redact(invalid.getMessage()), false,
                    "Get a fresh token from your identity provider and pass it again.");
        }
        return describe(described, "token_argument");
    }

    private static ToolResult describe(Caller caller, String source) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("authenticated", !caller.anonymous());
        identity.put("principal", caller.principal());
        identity.put("name", caller.name());
        identity.put("email", caller.email());
        identity.put("tenant", caller.tenant());
        identity.put("roles", new TreeSet<>(caller.roles()));
        identity.put("permissions", new TreeSet<>(caller.permissions()));
        identity.put("source", source);
        String text = (caller.anonymous() ? "Anonymous caller" : "Authenticated as " + caller.principal())
                + " in tenant " + caller.tenant() + " with roles " + new TreeSet<>(caller.roles())
                + "; permissions: " + String.join(", ", new TreeSet<>(caller.permissions())) + ".";
        return new ToolResult(text, identity, false);
    }
}
