package dev.lightdevops.worker.execution;

import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** The worker's side of the audit trail: every operation it ends, with its outcome, keyed by the requester. */
@Component
class FinishedAudit {

    private static final Logger log = LoggerFactory.getLogger(FinishedAudit.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;

    FinishedAudit(KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    void finished(Operation terminal) {
        AuditEvent event = new AuditEvent(clock.instant(), "finished", terminal.requestedBy(), terminal.tenant(), null,
                null, terminal.id(), terminal.type().wireName(),
                terminal.target() == null ? null : terminal.target().key(), null, terminal.status().wireName(),
                terminal.error() == null ? null : terminal.error().code() + ": " + terminal.error().message());
        try {
            kafka.send(Topics.AUDIT, terminal.requestedBy(), ContractJson.write(event));
        } catch (RuntimeException failure) {
            log.warn("audit of finished operation {} not written: {}", terminal.id(), failure.toString());
        }
    }
}
