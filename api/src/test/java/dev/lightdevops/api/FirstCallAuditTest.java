package dev.lightdevops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.testing.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first call a fresh api accepts is audited. Acceptance completes on the Kafka producer's I/O thread; a send
 * issued there to a topic whose metadata the producer has not loaded waits for a fetch only that thread could do,
 * so (before the fix) the audit event was lost after max.block.ms and every produce of the api stalled meanwhile.
 * Found by the bench harness (docs/benchmarks.md).
 */
class FirstCallAuditTest {

    @Test
    void theFirstAcceptedCallOfAFreshApiIsAudited() {
        try (ConfigurableApplicationContext api = ApiTestContexts.start()) {
            String service = "first-audit-" + UUID.randomUUID().toString().substring(0, 8);
            String id = OperationEngineApiTest.deploy(api, """
                    {"service":"%s","version":"1.0.0","environment":"staging"}""".formatted(service))
                    .get("operation_id").asString();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicProbe.readAll(Topics.AUDIT))
                    .map(record -> ContractJson.read(record.value(), AuditEvent.class))
                    .anySatisfy(event -> {
                        assertThat(event.action()).isEqualTo("accepted");
                        assertThat(event.operationId()).isEqualTo(id);
                    }));
        }
    }
}
