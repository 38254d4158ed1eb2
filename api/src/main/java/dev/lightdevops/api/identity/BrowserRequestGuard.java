package dev.lightdevops.api.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps web pages of other sites away from this server, whatever the route (the MCP endpoint, REST, the seed
 * aliases, {@code /local/*}). A request whose {@code Origin} is not trusted ({@link BrowserOrigins}) is refused. On
 * routes that change something (any method but GET, HEAD, OPTIONS) and on {@code /local/*}, a browser request sent
 * from another site without an {@code Origin} ({@code Sec-Fetch-Site: cross-site} or {@code same-site}) is refused too,
 * and so is a browser request that names a host this server does not answer to: a page that rebinds its own domain
 * to 127.0.0.1 is same-origin with itself, but its {@code Host} still says its own name (DNS rebinding). Clients that
 * are not browsers send neither header and pass. Runs before Spring Security, so a refusal costs no token check;
 * trusted preflights are then answered by Spring's CORS support ({@link BrowserOrigins#cors()}).
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1)
class BrowserRequestGuard extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OTHER_SITES = Set.of("cross-site", "same-site");
    static final int JSON_RPC_INVALID_REQUEST = -32600;

    private final BrowserOrigins origins;
    private final SecurityAudit audit;
    private final JsonMapper json;

    BrowserRequestGuard(BrowserOrigins origins, SecurityAudit audit, JsonMapper json) {
        this.origins = origins;
        this.audit = audit;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = refusal(request);
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        audit.refused(null, request.getMethod() + " " + request.getRequestURI(), null, "forbidden_origin", refusal);
        refuse(request, response, refusal);
    }

    /** Why this request may not be served, or null when it may. */
    private String refusal(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !origins.trustsOrigin(origin)) {
            return "origin '" + origin + "' may not call this server (cross-site and DNS-rebinding protection; "
                    + "devops.browser.allowed-origins lists the origins allowed besides loopback ones)";
        }
        if (!changesState(request)) {
            return null;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (origin == null && site != null && OTHER_SITES.contains(site.toLowerCase(java.util.Locale.ROOT))) {
            return "a " + site + " browser request may not call " + request.getRequestURI()
                    + " (cross-site protection): call it from this server's own pages or from a non-browser client";
        }
        if ((origin != null || site != null) && !origins.trustsHost(request.getServerName())) {
            return "host '" + request.getServerName() + "' is not a name this server answers browsers on (DNS-rebinding "
                    + "protection): open it on localhost or 127.0.0.1, or list its origin in "
                    + "devops.browser.allowed-origins";
        }
        return null;
    }

    private static boolean changesState(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod())
                || request.getRequestURI().startsWith(request.getContextPath() + "/local/");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        Map<String, Object> body = new LinkedHashMap<>();
        if (request.getRequestURI().startsWith(request.getContextPath() + "/mcp")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            body.put("jsonrpc", "2.0");
            body.put("id", null);
            body.put("error", Map.of("code", JSON_RPC_INVALID_REQUEST, "message", "Forbidden: " + detail));
        } else {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            body.put("type", "https://lightdevops.dev/problems/forbidden-origin");
            body.put("title", "Forbidden");
            body.put("status", HttpServletResponse.SC_FORBIDDEN);
            body.put("detail", detail);
        }
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
