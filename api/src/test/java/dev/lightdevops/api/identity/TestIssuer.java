package dev.lightdevops.api.identity;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in OIDC provider for tests: a JDK HTTP server publishing the public key of a {@link SigningKey} (the same
 * key code the local issuer uses) as a JWKS and a discovery document, and Descope-shaped tokens signed with it.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "light-devops-test";

    private final SigningKey key = SigningKey.generate();
    private final HttpServer server;
    private final String issuer;

    public TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
        JsonMapper json = JsonMapper.builder().build();
        serve("/issuer/.well-known/openid-configuration", json.writeValueAsString(Map.of("issuer", issuer,
                "jwks_uri", jwkSetUri(), "id_token_signing_alg_values_supported", List.of("RS256"))));
        serve("/issuer/jwks.json", json.writeValueAsString(key.publicJwks()));
        server.start();
    }

    private void serve(String path, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks.json";
    }

    public SigningKey key() {
        return key;
    }

    /** Arguments that make an api trust this issuer, with audience checking on and anonymous mode off. */
    public String[] apiArguments() {
        return new String[] {"--devops.auth.allow-anonymous=false", "--devops.auth.issuer-uri=" + issuer,
                "--devops.auth.jwk-set-uri=" + jwkSetUri(), "--devops.auth.audiences=" + AUDIENCE};
    }

    /** Claims of a valid Descope-shaped token for {@code subject} holding {@code role} in {@code tenant}. */
    public Map<String, Object> claims(String subject, String role, String tenant) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", List.of(AUDIENCE));
        claims.put("iat", now);
        claims.put("nbf", now.minusSeconds(5));
        claims.put("exp", now.plus(Duration.ofMinutes(10)));
        claims.put("email", subject + "@example.com");
        claims.put("name", "User " + subject);
        claims.put("dct", tenant);
        claims.put("tenants", Map.of(tenant, Map.of("roles", List.of(role))));
        return claims;
    }

    public String token(String subject, String role, String tenant) {
        return key.sign(claims(subject, role, tenant));
    }

    public String sign(Map<String, Object> claims) {
        return key.sign(claims);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
