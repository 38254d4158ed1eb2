package dev.lightdevops.api.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The caller of a request, as Spring Security validated it: every edge (MCP, REST, streams, seed routes) asks here.
 * A request without a token is served only in anonymous mode, with the configured role minus anything production.
 */
@Component
public class CallerResolver {

    private static final Logger log = LoggerFactory.getLogger(CallerResolver.class);

    private final AuthProperties auth;
    private final Caller anonymous;

    public CallerResolver(AuthProperties auth, RolePermissions roles) {
        this.auth = auth;
        Set<String> permissions = new LinkedHashSet<>(roles.permissionsOf(Set.of(auth.anonymousRole())));
        permissions.removeAll(Permissions.NEVER_ANONYMOUS);
        this.anonymous = new Caller("anonymous", auth.anonymousTenant(), Set.of(auth.anonymousRole()), permissions, true,
                "Anonymous", null);
        if (auth.allowAnonymous()) {
            log.warn("""

                    ***********************************************************************
                    AUTHENTICATION IS OFF: requests without a token are served as anonymous
                    with role '{}' (never production). Local development only.
                    ***********************************************************************""",
                    auth.anonymousRole());
        }
    }

    public Caller resolve(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof CallerAuthentication)) {
            Principal principal = request.getUserPrincipal();
            authentication = principal instanceof Authentication fromRequest ? fromRequest : authentication;
        }
        if (authentication instanceof CallerAuthentication validated) {
            return validated.caller();
        }
        if (auth.allowAnonymous()) {
            return anonymous;
        }
        throw new UnauthenticatedException("a bearer token is required");
    }

    /** The caller anonymous requests get; for tests and for the local stack's tour. */
    public Caller anonymousCaller() {
        return anonymous;
    }
}
