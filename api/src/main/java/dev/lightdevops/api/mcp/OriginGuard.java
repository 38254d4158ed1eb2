package dev.lightdevops.api.mcp;

import java.net.URI;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * DNS-rebinding protection of the transport: a browser page on another site must not reach a local MCP server. A
 * request without {@code Origin} (any non-browser client) passes; a browser origin passes only when it is a loopback
 * one or listed in {@code devops.mcp.allowed-origins}.
 */
@Component
class OriginGuard {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final McpProperties settings;

    OriginGuard(McpProperties settings) {
        this.settings = settings;
    }

    boolean allows(String origin) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        if (settings.allowedOrigins().contains("*") || settings.allowedOrigins().contains(origin)) {
            return true;
        }
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme();
            return ("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null
                    && LOOPBACK.contains(uri.getHost().toLowerCase());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
