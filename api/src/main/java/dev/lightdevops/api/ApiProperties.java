package dev.lightdevops.api;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the api.
 *
 * @param publishTimeout how long a tool call waits for Kafka to acknowledge its command before it answers with a
 *     retryable error (nothing is reported as accepted unless Kafka acknowledged it)
 * @param deployDeadline default deadline of a deploy or rollback, from acceptance
 * @param pollInterval the interval the api suggests to clients polling an operation
 */
@Validated
@ConfigurationProperties("devops.api")
public record ApiProperties(
        @DefaultValue("10s") @NotNull Duration publishTimeout,
        @DefaultValue("30m") @NotNull Duration deployDeadline,
        @DefaultValue("1s") @NotNull Duration pollInterval) {
}
