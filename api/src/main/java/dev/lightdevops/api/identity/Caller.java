package dev.lightdevops.api.identity;

import dev.lightdevops.common.operation.Operation;
import java.util.Set;

/**
 * Who is calling, as far as authorization is concerned: a principal, its tenant and its permissions. The
 * visibility rules of operations live here, so every edge (MCP, REST, streams) applies the same ones.
 *
 * @param principal the token's subject ({@code anonymous} for anonymous callers)
 * @param tenant the tenant the caller acts in; it sees only this tenant's operations
 * @param roles the roles the token carried (for display; the code checks permissions)
 * @param permissions what the caller may do
 * @param name display name, when the token has one
 * @param email e-mail address, when the token has one
 */
public record Caller(String principal, String tenant, Set<String> roles, Set<String> permissions,
        boolean anonymous, String name, String email) {

    public Caller(String principal, String tenant, Set<String> roles, Set<String> permissions, boolean anonymous) {
        this(principal, tenant, roles, permissions, anonymous, null, null);
    }

    public Caller {
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
    }

    public boolean may(String permission) {
        return permissions.contains(permission);
    }

    /** Throws {@link PermissionDeniedException} unless the caller holds {@code permission}. */
    public void require(String permission, String action) {
        if (!may(permission)) {
            throw new PermissionDeniedException(permission, action);
        }
    }

    /** Whether the caller may see this operation: it needs read_operations and the same tenant. */
    public boolean canSee(Operation operation) {
        return may(Permissions.READ_OPERATIONS) && tenant.equals(operation.tenant());
    }

    /** Whether the caller may cancel it: its own with cancel_own, any of its tenant's with cancel_any. */
    public boolean canCancel(Operation operation) {
        if (!tenant.equals(operation.tenant())) {
            return false;
        }
        return may(Permissions.CANCEL_ANY)
                || (may(Permissions.CANCEL_OWN) && principal.equals(operation.requestedBy()));
    }
}
