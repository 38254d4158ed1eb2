package dev.lightdevops.api;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the api.
 *
 * @param publishTimeout a safety net above the producer's own timeouts (which give every send a verdict within
 *     {@code max.block.ms + delivery.timeout.ms}) on a call's wait for Kafka: an acceptance not confirmed by then is
 *     settled through the operation's partition (withdrawn unless a worker started it first; see
 *     {@code AcceptanceSettlement})
 * @param deployDeadline default deadline of a deploy or rollback, from acceptance
 * @param pollInterval the interval the api suggests to clients polling an operation
 */
@Validated
@ConfigurationProperties("devops.api")
public record ApiProperties(
        @DefaultValue("30s") @NotNull Duration publishTimeout,
        @DefaultValue("30m") @NotNull Duration deployDeadline,
        @DefaultValue("1s") @NotNull Duration pollInterval) {
}
