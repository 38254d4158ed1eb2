package dev.lightdevops.api.security;

import java.util.Set;

/** Who is calling, as far as authorization is concerned: a principal, its tenant and its permissions. */
public record Caller(String principal, String tenant, Set<String> roles, Set<String> permissions,
        boolean anonymous) {

    public boolean may(String permission) {
        return permissions.contains(permission);
    }
}
