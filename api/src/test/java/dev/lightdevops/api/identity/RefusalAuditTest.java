package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security refusals reach the audit trail on ops.audit, with their arguments redacted. */
class RefusalAuditTest {

    @Test
    void permissionRefusalIsAuditedWithoutTheSecretsInItsArguments() {
        TestIssuer issuer = SecuredApi.issuer();
        String token = issuer.token("audited-observer", "Observer", "audit");
        SecuredApi.client().call(token, "deploy_service", Map.of("service", "vault", "version", "1.0.0",
                "environment", "production", "reason", "because Bearer " + token));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<AuditEvent> refusals = TopicProbe.readAll(Topics.AUDIT).stream()
                    .filter(record -> "audited-observer".equals(record.key()))
                    .map(record -> ContractJson.read(record.value(), AuditEvent.class))
                    .filter(event -> "refused".equals(event.action())).toList();
            assertThat(refusals).anySatisfy(event -> {
                assertThat(event.outcome()).isEqualTo("permission_denied");
                assertThat(event.tenant()).isEqualTo("audit");
                assertThat(event.tool()).isEqualTo("deploy_service");
                assertThat(event.target()).isEqualTo("vault@production");
                assertThat(String.valueOf(event.arguments())).contains("vault").doesNotContain(token);
            });
        });
    }
}
