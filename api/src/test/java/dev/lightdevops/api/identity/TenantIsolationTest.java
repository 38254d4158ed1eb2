package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Two tenants on one api: an operation is visible only inside the tenant that started it. */
class TenantIsolationTest {

    @Test
    void tenantBCannotReadTenantAsOperationButTenantAColleagueCan() {
        TestIssuer issuer = SecuredApi.issuer();
        String alice = issuer.token("alice", "Developer", "tenant-a");
        String amos = issuer.token("amos", "Observer", "tenant-a");
        String bob = issuer.token("bob", "Developer_prod_access", "tenant-b");
        String id = SecuredApi.client().call(alice, "deploy_service",
                        Map.of("service", "billing", "version", "3.1.0", "environment", "staging"))
                .get("result").get("structuredContent").get("operation_id").asString();

        JsonNode bobsTool = SecuredApi.client().call(bob, "get_operation", Map.of("id", id));
        HttpResponse<String> bobsRest = SecuredApi.client().get(bob, "/api/v1/operations/" + id);
        JsonNode amosTool = SecuredApi.client().call(amos, "get_operation", Map.of("id", id));
        HttpResponse<String> amosRest = SecuredApi.client().get(amos, "/api/v1/operations/" + id);

        assertThat(McpClient.errorCode(bobsTool)).isEqualTo("not_found");
        assertThat(bobsRest.statusCode()).isEqualTo(404);
        assertThat(McpClient.errorCode(amosTool)).isNull();
        assertThat(amosTool.get("result").get("structuredContent").get("operation").get("tenant").asString())
                .isEqualTo("tenant-a");
        assertThat(amosRest.statusCode()).isEqualTo(200);
    }

    @Test
    void cancelIsOwnWithCancelOwnAnyWithCancelAnyAndNeverAcrossTenants() {
        TestIssuer issuer = SecuredApi.issuer();
        String alice = issuer.token("alice", "Developer", "tenant-a");
        String amy = issuer.token("amy", "Developer", "tenant-a");
        String pat = issuer.token("pat", "Developer_prod_access", "tenant-a");
        String bob = issuer.token("bob", "Developer_prod_access", "tenant-b");
        String first = deploy(alice, "ledger");
        String second = deploy(alice, "ledger-ui");

        JsonNode bobCancels = SecuredApi.client().call(bob, "cancel_operation", Map.of("id", first));
        JsonNode amyCancels = SecuredApi.client().call(amy, "cancel_operation", Map.of("id", first));
        JsonNode aliceCancels = SecuredApi.client().call(alice, "cancel_operation", Map.of("id", first));
        JsonNode patCancels = SecuredApi.client().call(pat, "cancel_operation", Map.of("id", second));

        assertThat(McpClient.errorCode(bobCancels)).isEqualTo("not_found");
        assertThat(McpClient.errorCode(amyCancels)).isEqualTo("permission_denied");
        assertThat(McpClient.errorCode(aliceCancels)).isNull();
        assertThat(McpClient.errorCode(patCancels)).isNull();
    }

    private static String deploy(String token, String service) {
        return SecuredApi.client().call(token, "deploy_service",
                        Map.of("service", service, "version", "1.0.0", "environment", "staging"))
                .get("result").get("structuredContent").get("operation_id").asString();
    }
}
