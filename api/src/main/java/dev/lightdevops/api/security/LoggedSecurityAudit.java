package dev.lightdevops.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The default {@link SecurityAudit}: one line per refusal on the {@code audit.security} logger. */
@Component
class LoggedSecurityAudit implements SecurityAudit {

    private static final Logger audit = LoggerFactory.getLogger("audit.security");

    @Override
    public void refused(Caller caller, String action, String outcome, String reason) {
        audit.info("refused outcome={} principal={} tenant={} action={} reason={}", outcome,
                caller == null ? "-" : caller.principal(), caller == null ? "-" : caller.tenant(), action,
                Redaction.redact(reason));
    }
}
