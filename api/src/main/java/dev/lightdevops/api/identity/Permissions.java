package dev.lightdevops.api.identity;

import dev.lightdevops.common.tool.Environment;
import java.util.Set;

/**
 * Every permission the code checks. Code asks for permissions, never for roles: which role holds which permission
 * is configuration ({@code devops.auth.roles.*}).
 */
public final class Permissions {

    public static final String READ_LOGS = "read_logs";
    public static final String READ_METRICS = "read_metrics";
    public static final String READ_DEPLOYMENTS = "read_deployments";
    public static final String READ_OPERATIONS = "read_operations";
    public static final String CANCEL_OWN = "cancel_own";
    public static final String CANCEL_ANY = "cancel_any";
    /** The audit trail's details (arguments, client address, detail) of principals other than the caller. */
    public static final String READ_AUDIT = "read_audit";

    /**
     * Permissions anonymous callers never get, whatever their configured role says: production, cancelling others'
     * operations, and every approval (an approval must name a person).
     */
    static final Set<String> NEVER_ANONYMOUS = Set.of(deploy(Environment.PRODUCTION), rollback(Environment.PRODUCTION),
            CANCEL_ANY, READ_AUDIT, approve(Environment.DEVELOPMENT), approve(Environment.STAGING),
            approve(Environment.PRODUCTION));

    /** Every approval permission: approve_operation and reject_operation need one of them to be offered. */
    public static final Set<String> APPROVALS = Set.of(approve(Environment.DEVELOPMENT), approve(Environment.STAGING),
            approve(Environment.PRODUCTION));

    public static final Set<String> ALL = Set.of(READ_LOGS, READ_METRICS, READ_DEPLOYMENTS, READ_OPERATIONS,
            CANCEL_OWN, CANCEL_ANY, READ_AUDIT,
            deploy(Environment.DEVELOPMENT), deploy(Environment.STAGING), deploy(Environment.PRODUCTION),
            rollback(Environment.DEVELOPMENT), rollback(Environment.STAGING), rollback(Environment.PRODUCTION),
            approve(Environment.DEVELOPMENT), approve(Environment.STAGING), approve(Environment.PRODUCTION));

    private Permissions() {
    }

    public static String deploy(Environment environment) {
        return "deploy_" + environment.wireName();
    }

    public static String rollback(Environment environment) {
        return "rollback_" + environment.wireName();
    }

    /** Approving (or rejecting) a deploy or rollback that waits for approval in this environment. */
    public static String approve(Environment environment) {
        return "approve_" + environment.wireName();
    }
}
