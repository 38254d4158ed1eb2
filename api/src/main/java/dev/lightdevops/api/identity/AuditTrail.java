package dev.lightdevops.api.identity;

import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.observability.CurrentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the api's side of the audit trail to {@code ops.audit}, keyed by principal: accepted and refused requests,
 * cancellations, approval steps and confirmations, each line built by the feature it records (workers write the
 * finished ones). Arguments are redacted before they leave the process.
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final KafkaTemplate<String, byte[]> kafka;

    AuditTrail(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** The address of the client of the current HTTP request; call it on the request's thread. */
    public static String currentClientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            return servlet.getRequest().getRemoteAddr();
        }
        return null;
    }

    /**
     * Publishes one audit line from a virtual thread of its own, so that the audit never adds to the caller's wait; a
     * failure is logged, never thrown at the caller whose request is audited.
     */
    public void record(AuditEvent event) {
        Thread.ofVirtual().name("audit").start(CurrentContext.wrap(() -> send(event)));
    }

    private void send(AuditEvent event) {
        try {
            kafka.send(Topics.AUDIT, event.principal(), ContractJson.write(event)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    log.warn("audit event {} for {} was not written: {}", event.action(), event.operationId(),
                            failure.toString());
                }
            });
        } catch (RuntimeException failure) {
            log.warn("audit event {} for {} was not written: {}", event.action(), event.operationId(),
                    failure.toString());
        }
    }
}
