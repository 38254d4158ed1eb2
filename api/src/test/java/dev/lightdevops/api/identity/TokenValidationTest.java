package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.testing.TopicProbe;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Tokens against a real api and a stub OIDC provider: what is accepted, and every way a token is refused. */
class TokenValidationTest {

    private static final Map<String, Object> STAGING_DEPLOY =
            Map.of("service", "gate", "version", "1.0.0", "environment", "staging");

    @Test
    void requestWithoutTokenIs401WithResourceMetadataHeader() {
        HttpResponse<String> response = SecuredApi.client().get(null, "/api/v1/operations/some-id");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(header -> assertThat(header)
                .startsWith("Bearer ")
                .contains("resource_metadata=\"" + SecuredApi.baseUrl() + "/.well-known/oauth-protected-resource\""));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void mcpCallWithoutTokenIsHttp401WithJsonRpcErrorAndPublishesNothing() {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        HttpResponse<String> response = SecuredApi.client().callRaw(null, "deploy_service", STAGING_DEPLOY);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).contains("resource_metadata="));
        assertThat(ContractJson.mapper().readTree(response.body()).get("error").get("code").asInt())
                .isEqualTo(UnauthorizedResponses.JSON_RPC_UNAUTHORIZED);
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void protectedResourceMetadataNamesTheIssuerAndHeaderBearerOnly() {
        HttpResponse<String> response = SecuredApi.client().get(null, "/.well-known/oauth-protected-resource");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = ContractJson.mapper().readTree(response.body());
        assertThat(metadata.get("resource").asString()).isEqualTo(SecuredApi.baseUrl());
        assertThat(metadata.get("authorization_servers").get(0).asString()).isEqualTo(SecuredApi.issuer().issuer());
        assertThat(metadata.get("bearer_methods_supported")).hasSize(1);
        assertThat(metadata.get("bearer_methods_supported").get(0).asString()).isEqualTo("header");
    }

    @Test
    void validTokenIsAcceptedAndDescribedByAuthenticateUser() {
        String token = SecuredApi.issuer().token("valid-alice", "Developer", "acme");

        JsonNode identity = SecuredApi.client().call(token, "authenticate_user", Map.of())
                .get("result").get("structuredContent");

        assertThat(identity.get("principal").asString()).isEqualTo("valid-alice");
        assertThat(identity.get("email").asString()).isEqualTo("valid-alice@example.com");
        assertThat(identity.get("name").asString()).isEqualTo("User valid-alice");
        assertThat(identity.get("tenant").asString()).isEqualTo("acme");
        assertThat(identity.get("roles").get(0).asString()).isEqualTo("Developer");
        assertThat(identity.get("permissions").toString()).contains("deploy_staging").doesNotContain("production");
        assertThat(identity.get("source").asString()).isEqualTo("bearer");
    }

    static Stream<Arguments> invalidTokens() {
        TestIssuer issuer = SecuredApi.issuer();
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("expired", issuer.sign(with(issuer, claims -> {
                    claims.put("iat", now.minusSeconds(3600));
                    claims.put("nbf", now.minusSeconds(3600));
                    claims.put("exp", now.minusSeconds(300));
                    return claims;
                }))),
                Arguments.of("not yet valid", issuer.sign(with(issuer, claims -> {
                    claims.put("nbf", now.plusSeconds(600));
                    claims.put("exp", now.plusSeconds(1200));
                    return claims;
                }))),
                Arguments.of("wrong issuer", issuer.sign(with(issuer, claims -> {
                    claims.put("iss", "https://evil.example.com/issuer");
                    return claims;
                }))),
                Arguments.of("wrong audience", issuer.sign(with(issuer, claims -> {
                    claims.put("aud", List.of("some-other-api"));
                    return claims;
                }))),
                Arguments.of("wrong signature", SigningKey.generate(issuer.key().keyId())
                        .sign(issuer.claims("mallory", "Developer_prod_access", "acme"))),
                Arguments.of("alg none", unsigned(issuer.claims("mallory", "Developer_prod_access", "acme"))),
                Arguments.of("malformed", "not-a-jwt"),
                Arguments.of("truncated", issuer.token("mallory", "Developer", "acme").substring(0, 40)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void invalidTokenIsRefusedWith401AndPublishesNothing(String kind, String token) {
        long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

        HttpResponse<String> response = SecuredApi.client().callRaw(token, "deploy_service", STAGING_DEPLOY);

        assertThat(response.statusCode()).as(kind).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).contains("error=\"invalid_token\""));
        assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).isEqualTo(before);
    }

    @Test
    void tokenInTheUrlIsRefusedEvenWhenValid() {
        String token = SecuredApi.issuer().token("url-user", "Developer", "acme");

        HttpResponse<String> response = SecuredApi.client().get(null, "/api/v1/operations/x?access_token=" + token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Authorization header");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).contains("invalid_request"));
    }

    @Test
    void authenticateUserValidatesAnExplicitTokenTheSameWay() {
        TestIssuer issuer = SecuredApi.issuer();
        String caller = issuer.token("observer-olga", "Observer", "acme");
        String other = issuer.token("prod-paul", "Developer_prod_access", "globex");

        JsonNode described = SecuredApi.client().call(caller, "authenticate_user", Map.of("token", other))
                .get("result").get("structuredContent");
        JsonNode refused = SecuredApi.client().call(caller, "authenticate_user",
                Map.of("token", issuer.sign(with(issuer, claims -> {
                    claims.put("aud", List.of("some-other-api"));
                    return claims;
                }))));

        assertThat(described.get("principal").asString()).isEqualTo("prod-paul");
        assertThat(described.get("tenant").asString()).isEqualTo("globex");
        assertThat(described.get("permissions").toString()).contains("deploy_production");
        assertThat(described.get("source").asString()).isEqualTo("token_argument");
        assertThat(McpClient.errorCode(refused)).isEqualTo("invalid_token");
    }

    private static Map<String, Object> with(TestIssuer issuer, Function<Map<String, Object>, Map<String, Object>> edit) {
        return edit.apply(new LinkedHashMap<>(issuer.claims("mallory", "Developer_prod_access", "acme")));
    }

    private static String unsigned(Map<String, Object> claims) {
        Map<String, Object> wire = new LinkedHashMap<>(claims);
        wire.replaceAll((name, value) -> value instanceof Instant instant ? instant.getEpochSecond() : value);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(ContractJson.mapper().writeValueAsBytes(wire)) + ".";
    }
}
