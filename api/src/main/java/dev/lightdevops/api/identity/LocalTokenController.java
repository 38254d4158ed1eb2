package dev.lightdevops.api.identity;

import dev.lightdevops.common.tool.HumanText;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local issuer's endpoints (local profile only): {@code POST /local/tokens} mints a signed, Descope-shaped token
 * for a chosen subject, role and tenant, so the production gate can be tried without an identity provider;
 * {@code GET /local/jwks.json} shows the public key the api trusts.
 */
@RestController
@Profile("local")
@ConditionalOnBooleanProperty("devops.auth.local-issuer.enabled")
class LocalTokenController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");
    private static final Duration MAX_TTL = Duration.ofDays(1);

    private final SigningKey key;
    private final AuthProperties auth;
    private final RolePermissions roles;

    LocalTokenController(SigningKey key, AuthProperties auth, RolePermissions roles) {
        this.key = key;
        this.auth = auth;
        this.roles = roles;
    }

    /**
     * Mints a token. Body (all optional): {@code subject} (default {@code local-user}), {@code role} (default
     * {@code Developer}), {@code tenant} (default the default tenant), {@code name}, {@code email},
     * {@code ttl_seconds} (default {@code devops.auth.local-issuer.token-ttl}, at most a day).
     */
    @PostMapping("/local/tokens")
    Map<String, Object> mint(@RequestBody(required = false) Map<String, Object> request) {
        Map<String, Object> asked = request == null ? Map.of() : request;
        String subject = name(asked, "subject", "local-user");
        String role = name(asked, "role", "Developer");
        String tenant = name(asked, "tenant", auth.defaultTenant());
        if (!roles.knows(role)) {
            throw new InvalidArgumentsException("role", "unknown role '" + role + "'; configured: " + roles.roles());
        }
        Duration ttl = asked.get("ttl_seconds") instanceof Number seconds
                ? Duration.ofSeconds(seconds.longValue()) : auth.localIssuer().tokenTtl();
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidArgumentsException("ttl_seconds", "must be between 1 and " + MAX_TTL.toSeconds());
        }
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", auth.localIssuer().issuer());
        claims.put("sub", subject);
        if (!auth.audiences().isEmpty()) {
            claims.put("aud", List.of(auth.audiences().get(0)));
        }
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now.plus(ttl));
        claims.put("dct", tenant);
        claims.put("tenants", Map.of(tenant, Map.of("roles", List.of(role))));
        claims.put("name", displayText(asked, "name", subject));
        String email = displayText(asked, "email", null);
        if (email != null) {
            claims.put("email", email);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", key.sign(claims));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", ttl.toSeconds());
        answer.put("subject", subject);
        answer.put("role", role);
        answer.put("tenant", tenant);
        return answer;
    }

    @GetMapping("/local/jwks.json")
    Map<String, Object> jwks() {
        return key.publicJwks();
    }

    /** A display claim: free text, but none that could spoof a person where it is shown ({@link HumanText}). */
    private static String displayText(Map<String, Object> request, String field, String fallback) {
        Object value = request.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > 256) {
            throw new InvalidArgumentsException(field, "must be a string of 1 to 256 characters");
        }
        String flaw = HumanText.flaw(text);
        if (flaw != null) {
            throw new InvalidArgumentsException(field, flaw);
        }
        return text;
    }

    private static String name(Map<String, Object> request, String field, String fallback) {
        Object value = request.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text) || !NAME.matcher(text).matches()) {
            throw new InvalidArgumentsException(field, "must match " + NAME.pattern());
        }
        return text;
    }
}
