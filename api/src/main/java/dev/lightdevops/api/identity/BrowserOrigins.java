package dev.lightdevops.api.identity;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Which browser origins and hosts this server trusts: loopback ones always, and those of
 * {@code devops.browser.allowed-origins}. One list feeds both the refusal of foreign origins
 * ({@link BrowserRequestGuard}) and the CORS answers to the trusted ones (preflights included), so the two never
 * disagree.
 */
@Component
class BrowserOrigins {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final List<String> allowed;
    private final boolean anyOrigin;

    BrowserOrigins(BrowserProperties settings) {
        this.allowed = settings.allowedOrigins();
        this.anyOrigin = allowed.contains("*");
    }

    /** Whether a request carrying this {@code Origin} header may be served (the literal {@code null} never is). */
    boolean trustsOrigin(String origin) {
        if (anyOrigin || allowed.contains(origin)) {
            return true;
        }
        URI uri = parse(origin);
        return uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a browser may address this server by {@code hostName}: a page that rebinds its own name to this
     * server's address still sends that name, so only loopback names and the hosts of allowed origins pass.
     */
    boolean trustsHost(String hostName) {
        if (anyOrigin || hostName == null) {
            return anyOrigin;
        }
        String name = hostName.toLowerCase(Locale.ROOT);
        if (LOOPBACK.contains(name)) {
            return true;
        }
        return allowed.stream().map(BrowserOrigins::parse)
                .anyMatch(uri -> uri != null && uri.getHost() != null && name.equalsIgnoreCase(uri.getHost()));
    }

    /** CORS for the trusted origins: any method and header this api serves, no credentials (it uses no cookies). */
    CorsConfigurationSource cors() {
        CorsConfiguration configuration = new CorsConfiguration();
        List<String> patterns = new ArrayList<>();
        for (String scheme : List.of("http", "https")) {
            for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
                patterns.add(scheme + "://" + host);
                patterns.add(scheme + "://" + host + ":[*]");
            }
        }
        patterns.addAll(allowed);
        configuration.setAllowedOriginPatterns(patterns);
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        configuration.setAllowedHeaders(List.of(CorsConfiguration.ALL));
        configuration.setExposedHeaders(List.of("WWW-Authenticate", "Retry-After", "Location", "MCP-Protocol-Version"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }

    private static URI parse(String origin) {
        try {
            return origin == null ? null : URI.create(origin.trim());
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
