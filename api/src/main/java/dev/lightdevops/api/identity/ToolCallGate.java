package dev.lightdevops.api.identity;

import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What every tool call passes before its handler runs, whichever edge it came from: the permission the tool (and
 * environment) needs, then, for mutating tools, the caller's rate limit and, for deploys and rollbacks, the cap on the
 * caller's unfinished ones; reads that start a fetch take from a rate limit of their own instead, so running deploys
 * never block reads. A refusal is audited and thrown; nothing has been published yet.
 */
@Component
public class ToolCallGate {

    private final ToolPermissions permissions;
    private final PrincipalLimits limits;
    private final SecurityAudit audit;

    ToolCallGate(ToolPermissions permissions, PrincipalLimits limits, SecurityAudit audit) {
        this.permissions = permissions;
        this.limits = limits;
        this.audit = audit;
    }

    public void admit(ToolDefinition tool, Map<String, Object> arguments, Caller caller) {
        try {
            permissions.authorize(tool.name(), arguments, caller);
        } catch (PermissionDeniedException denied) {
            audit.refused(caller, tool.name(), arguments, "permission_denied", denied.getMessage());
            throw denied;
        }
        try {
            if (tool.mutating()) {
                limits.takeMutatingCall(caller);
                if (tool.longRunning()) {
                    limits.requireOperationSlot(caller);
                }
            } else if (tool.longRunning()) {
                limits.takeFetchCall(caller);
            }
        } catch (LimitExceededException limited) {
            audit.refused(caller, tool.name(), arguments, limited.code(), limited.getMessage());
            throw limited;
        }
    }
}
