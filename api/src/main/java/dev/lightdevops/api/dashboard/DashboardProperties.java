package dev.lightdevops.api.dashboard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the dashboard's live feed.
 *
 * @param feedTimeout how long one feed connection lasts before the browser reconnects (and gets a fresh snapshot)
 * @param heartbeat how often an idle feed sends a comment, so proxies keep it open and dead clients are noticed
 * @param initialOperations how many of the most recent operations a new connection receives first
 */
@Validated
@ConfigurationProperties("devops.dashboard")
public record DashboardProperties(
        @DefaultValue("30m") @NotNull @DurationMin(seconds = 1) Duration feedTimeout,
        @DefaultValue("15s") @NotNull @DurationMin(millis = 100) Duration heartbeat,
        @DefaultValue("200") @Min(0) @Max(10_000) int initialOperations) {
}
