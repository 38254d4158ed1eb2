package dev.lightdevops.common.observability;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Observability settings shared by the api and the workers.
 *
 * @param kafkaHealthTimeout how long a health check waits for the Kafka cluster to describe itself before the app is
 *     reported not ready
 * @param kafkaHealthInterval how often that check runs in the background; probes answer its latest result at once
 */
@Validated
@ConfigurationProperties("devops.observability")
public record ObservabilityProperties(
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) Duration kafkaHealthTimeout,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 10)
        Duration kafkaHealthInterval) {
}
