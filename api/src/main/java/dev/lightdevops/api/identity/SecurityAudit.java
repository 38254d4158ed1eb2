package dev.lightdevops.api.identity;

import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.observability.Redaction;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records security refusals (unauthenticated, permission denied, rate limited, too many operations) on the audit
 * trail ({@code ops.audit}, action {@code refused}) and as a line on the {@code audit.security} logger. Arguments are
 * redacted first; a token, key or cookie never reaches either.
 */
@Component
public class SecurityAudit {

    private static final Logger log = LoggerFactory.getLogger("audit.security");

    private final AuditTrail trail;
    private final Clock clock;

    SecurityAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * @param caller who was refused; null when no valid identity came with the request
     * @param action what was attempted: a tool name, or {@code METHOD /path}
     * @param arguments the tool's arguments (redacted here), or null
     * @param outcome a short code: unauthenticated, permission_denied, rate_limited, too_many_operations
     * @param reason the message given to the caller
     */
    public void refused(Caller caller, String action, Map<String, Object> arguments, String outcome, String reason) {
        String principal = caller == null ? "-" : caller.principal();
        String tenant = caller == null ? null : caller.tenant();
        String detail = Redaction.redact(reason);
        log.info("refused outcome={} principal={} tenant={} action={} reason={}", outcome, principal, tenant,
                Redaction.redact(action), detail);
        trail.record(new AuditEvent(clock.instant(), "refused", principal, tenant, AuditTrail.currentClientAddress(),
                Redaction.redact(action), null, null, targetOf(arguments),
                arguments == null ? null : Redaction.arguments(arguments), outcome, detail));
    }

    /** {@code service@environment} when the arguments name both, as the operations' audit lines do. */
    private static String targetOf(Map<String, Object> arguments) {
        if (arguments != null && arguments.get("service") instanceof String service
                && arguments.get("environment") instanceof String environment) {
            return Redaction.redact(service + "@" + environment);
        }
        return null;
    }
}
