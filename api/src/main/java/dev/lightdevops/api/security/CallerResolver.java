package dev.lightdevops.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Resolves the caller of a request. Until token validation lands, only anonymous callers exist, and only when
 * anonymous mode is on; production permissions are never granted to them, whatever the configured role.
 */
@Component
public class CallerResolver {

    private static final Logger log = LoggerFactory.getLogger(CallerResolver.class);
    private static final Set<String> OBSERVER =
            Set.of("read_logs", "read_metrics", "read_deployments", "read_operations");
    private static final Set<String> DEVELOPER = union(OBSERVER, Set.of("deploy_development", "deploy_staging",
            "rollback_development", "rollback_staging", "cancel_own"));
    private static final Map<String, Set<String>> ROLES = Map.of("observer", OBSERVER, "developer", DEVELOPER);

    private final AuthProperties auth;

    public CallerResolver(AuthProperties auth) {
        this.auth = auth;
        if (auth.allowAnonymous()) {
            log.warn("AUTHENTICATION IS OFF: anonymous callers are served with role '{}' (never production). "
                    + "Use this for local development only.", auth.anonymousRole());
        }
    }

    public Caller resolve(HttpServletRequest request) {
        if (!auth.allowAnonymous()) {
            throw new UnauthenticatedException("a bearer token is required");
        }
        Set<String> permissions = ROLES.getOrDefault(auth.anonymousRole().toLowerCase(), OBSERVER);
        return new Caller("anonymous", "local", Set.of(auth.anonymousRole()), permissions, true);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
