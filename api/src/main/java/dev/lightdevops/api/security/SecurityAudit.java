package dev.lightdevops.api.security;

/**
 * Where security refusals go (unauthenticated, permission denied, rate limited). The default writes an audit log
 * line; an {@code ops.audit} writer replaces it by being a {@code SecurityAudit} bean marked {@code @Primary}.
 * Never pass a token, key or cookie: callers pass principal, action and reason only.
 */
public interface SecurityAudit {

    /**
     * @param caller who was refused; null when no valid identity came with the request
     * @param action what was attempted (a tool name, {@code METHOD /path})
     * @param outcome a short code: unauthenticated, permission_denied, rate_limited, too_many_operations
     * @param reason the message given to the caller
     */
    void refused(Caller caller, String action, String outcome, String reason);
}
