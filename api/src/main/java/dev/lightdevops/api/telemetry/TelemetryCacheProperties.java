package dev.lightdevops.api.telemetry;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How get_logs and get_metrics reuse results.
 *
 * @param cacheTtl how long a succeeded fetch answers the same normalized query at once (with its age) instead of a
 *     placeholder; after that a new fetch operation is started
 */
@Validated
@ConfigurationProperties("devops.api.telemetry")
public record TelemetryCacheProperties(@DefaultValue("60s") @NotNull Duration cacheTtl) {
}
