package dev.lightdevops.api.mcp;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the MCP endpoint.
 *
 * @param listTtl freshness hint ({@code ttlMs}) on 2026-07-28 lists, reads and discovery
 * @param resultWait the longest a 2025-11-25 {@code tasks/result} holds its request waiting for the terminal state
 * @param streamTimeout the longest an SSE response (progress of a tools/call, a subscription) stays open
 */
@Validated
@ConfigurationProperties("devops.mcp")
public record McpProperties(
        @DefaultValue("60s") @NotNull Duration listTtl,
        @DefaultValue("5m") @NotNull Duration resultWait,
        @DefaultValue("15m") @NotNull Duration streamTimeout) {
}
