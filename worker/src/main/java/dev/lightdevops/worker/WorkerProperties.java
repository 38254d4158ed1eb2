package dev.lightdevops.worker;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of a worker.
 *
 * @param statusPublishTimeout how long the worker waits for Kafka to acknowledge a status snapshot
 * @param simulatedStageDuration how long each stage of a simulated deploy takes (validate, roll out, health check)
 */
@Validated
@ConfigurationProperties("devops.worker")
public record WorkerProperties(
        @DefaultValue("10s") @NotNull Duration statusPublishTimeout,
        @DefaultValue("2s") @NotNull Duration simulatedStageDuration) {
}
