package dev.lightdevops.api.identity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.stereotype.Component;

/**
 * Turns a validated token into a {@link Caller}, reading the configured claim paths: the tenant (current tenant
 * claim, else the only key of the tenants map, else the default tenant), the roles (top-level and the tenant's),
 * and the permissions (role-derived plus those the token lists itself).
 */
@Component
public class TokenClaims implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final String TENANT = "{tenant}";

    private final AuthProperties.Claims paths;
    private final RolePermissions roles;
    private final String defaultTenant;

    TokenClaims(AuthProperties auth, RolePermissions roles) {
        this.paths = auth.claims();
        this.roles = roles;
        this.defaultTenant = auth.defaultTenant();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt token) {
        return new CallerAuthentication(callerOf(token), token);
    }

    public Caller callerOf(Jwt token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("the token has no subject"));
        }
        Map<String, Object> claims = token.getClaims();
        String tenant = tenantOf(claims);
        Set<String> tokenRoles = strings(claims, paths.roles(), tenant);
        Set<String> permissions = new LinkedHashSet<>(roles.permissionsOf(tokenRoles));
        permissions.addAll(strings(claims, paths.permissions(), tenant));
        return new Caller(subject, tenant, tokenRoles, permissions, false,
                text(at(claims, paths.name())), text(at(claims, paths.email())));
    }

    private String tenantOf(Map<String, Object> claims) {
        for (String path : paths.tenant()) {
            String tenant = text(at(claims, path));
            if (tenant != null && !tenant.isBlank()) {
                return tenant;
            }
        }
        if (at(claims, paths.tenants()) instanceof Map<?, ?> tenants && tenants.size() == 1) {
            return String.valueOf(tenants.keySet().iterator().next());
        }
        return defaultTenant;
    }

    private static Set<String> strings(Map<String, Object> claims, List<String> pathList, String tenant) {
        Set<String> found = new LinkedHashSet<>();
        for (String path : pathList) {
            Object value = at(claims, path.replace(TENANT, tenant));
            if (value instanceof Collection<?> values) {
                values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(found::add);
            } else if (value instanceof String single && !single.isBlank()) {
                found.add(single);
            }
        }
        return found;
    }

    /** The value at a dot-separated path. A tenant id containing dots is found as a whole map key first. */
    static Object at(Map<String, Object> claims, String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Object here = claims;
        String rest = path;
        while (!rest.isEmpty()) {
            if (!(here instanceof Map<?, ?> map)) {
                return null;
            }
            String key = longestKey(map, rest);
            if (key == null) {
                return null;
            }
            here = map.get(key);
            rest = rest.length() == key.length() ? "" : rest.substring(key.length() + 1);
        }
        return here;
    }

    private static String longestKey(Map<?, ?> map, String rest) {
        for (int end = rest.length(); end > 0; end = rest.lastIndexOf('.', end - 1)) {
            String candidate = rest.substring(0, end);
            if (map.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value instanceof String string ? string : null;
    }
}
