package dev.lightdevops.api.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Roles to permissions, from configuration. Role names match case-insensitively and ignoring {@code _} and
 * {@code -} (so {@code DEVOPS_AUTH_ROLES_DEVELOPERPRODACCESS} can override {@code Developer_prod_access}). A typo in a
 * configured permission stops the start instead of silently granting nothing.
 */
@Component
public class RolePermissions {

    private final Map<String, Set<String>> byRole = new HashMap<>();

    public RolePermissions(AuthProperties auth) {
        auth.roles().forEach((role, permissions) -> {
            Set<String> granted = new TreeSet<>();
            for (String permission : permissions) {
                String name = permission.trim();
                if (!Permissions.ALL.contains(name)) {
                    throw new IllegalStateException("devops.auth.roles." + role + " names an unknown permission '"
                            + name + "'; known: " + new TreeSet<>(Permissions.ALL));
                }
                granted.add(name);
            }
            byRole.merge(normalize(role), granted, (a, b) -> {
                a.addAll(b);
                return a;
            });
        });
    }

    /** The union of the permissions of {@code roles}; unknown roles grant nothing. */
    public Set<String> permissionsOf(Collection<String> roles) {
        Set<String> all = new TreeSet<>();
        roles.forEach(role -> all.addAll(byRole.getOrDefault(normalize(role), Set.of())));
        return all;
    }

    public boolean knows(String role) {
        return byRole.containsKey(normalize(role));
    }

    public List<String> roles() {
        return List.copyOf(new TreeSet<>(byRole.keySet()));
    }

    static String normalize(String role) {
        return role.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
