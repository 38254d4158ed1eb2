package dev.lightdevops.api.compat;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the seed-compatible routes.
 *
 * @param resultWait how long {@code GET /mcp/resources/logs} and {@code /metrics} wait for their fetch operation to end
 *     before answering 202 with the operation id (the original answered with the data in the same request)
 */
@Validated
@ConfigurationProperties("devops.compat")
public record CompatProperties(
        @DefaultValue("10s") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 5) Duration resultWait) {
}
