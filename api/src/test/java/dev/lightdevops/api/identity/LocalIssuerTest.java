package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The local stack's issuer: with the local profile, {@code POST /local/tokens} mints tokens the api trusts, so the
 * production gate can be tried without an identity provider; anonymous callers still never reach production.
 */
class LocalIssuerTest {

    private static ConfigurableApplicationContext api;
    private static McpClient client;

    @BeforeAll
    static void start() {
        api = ApiTestContexts.start("--spring.profiles.active=local", "--devops.auth.local-issuer.enabled=true",
                "--devops.auth.allow-anonymous=true", "--devops.auth.anonymous-role=Developer_prod_access");
        client = new McpClient(ApiTestContexts.baseUrl(api));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void mintedProductionTokenDeploysToProductionWhileAnonymousCannot() {
        String token = mint("""
                {"subject":"olivia","role":"Developer_prod_access","tenant":"acme","email":"olivia@acme.test"}""");
        Map<String, Object> production = Map.of("service", "shop", "version", "9.0.0", "environment", "production");

        JsonNode withToken = client.call(token, "deploy_service", production);
        JsonNode anonymous = client.call(null, "deploy_service", production);
        JsonNode identity = client.call(token, "authenticate_user", Map.of()).get("result").get("structuredContent");

        assertThat(McpClient.errorCode(withToken)).isNull();
        assertThat(withToken.get("result").get("structuredContent").get("operation").get("requested_by").asString())
                .isEqualTo("olivia");
        assertThat(McpClient.errorCode(anonymous)).isEqualTo("permission_denied");
        assertThat(identity.get("tenant").asString()).isEqualTo("acme");
        assertThat(identity.get("email").asString()).isEqualTo("olivia@acme.test");
    }

    @Test
    void unknownRoleIsRefusedAndTheJwksIsPublished() {
        HttpResponse<String> unknown = Http.postJson(client.baseUrl() + "/local/tokens", "{\"role\":\"Root\"}");
        HttpResponse<String> jwks = Http.get(client.baseUrl() + "/local/jwks.json");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(ContractJson.mapper().readTree(jwks.body()).get("keys").get(0).get("kty").asString())
                .isEqualTo("RSA");
        assertThat(jwks.body()).doesNotContain("\"d\"");
    }

    @Test
    void tokenOfAnotherKeyIsRefusedEvenInLocalMode() {
        String foreign = SigningKey.generate().sign(Map.of("iss", "http://localhost/local-issuer", "sub", "eve",
                "exp", java.time.Instant.now().plusSeconds(600)));

        assertThat(client.callRaw(foreign, "authenticate_user", Map.of()).statusCode()).isEqualTo(401);
    }

    private static String mint(String request) {
        HttpResponse<String> minted = Http.postJson(client.baseUrl() + "/local/tokens", request);
        assertThat(minted.statusCode()).isEqualTo(200);
        return ContractJson.mapper().readTree(minted.body()).get("access_token").asString();
    }
}
