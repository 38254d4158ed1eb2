package dev.lightdevops.api.mcp;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the MCP endpoint.
 *
 * @param allowedOrigins browser origins allowed besides loopback ones (http(s)://localhost, 127.0.0.1, [::1] on any
 *     port); a request whose {@code Origin} is neither is refused with 403 (DNS-rebinding protection)
 * @param listTtl freshness hint ({@code ttlMs}) on 2026-07-28 lists, reads and discovery
 * @param resultWait the longest a 2025-11-25 {@code tasks/result} holds its request waiting for the terminal state
 * @param streamTimeout the longest an SSE response (progress of a tools/call, a subscription) stays open
 */
@Validated
@ConfigurationProperties("devops.mcp")
public record McpProperties(
        @DefaultValue("") List<String> allowedOrigins,
        @DefaultValue("60s") @NotNull Duration listTtl,
        @DefaultValue("5m") @NotNull Duration resultWait,
        @DefaultValue("15m") @NotNull Duration streamTimeout) {

    public McpProperties {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
    }
}
