package dev.lightdevops.worker.telemetry;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where a worker reads logs and metrics.
 *
 * @param source {@code auto} (Datadog when both keys are set, simulated otherwise), {@code datadog} or
 *     {@code simulated}
 * @param simulatedServices services the simulated source invents telemetry for when a query names none
 * @param simulatedSeed the seed of the simulated source: the same seed and query always give the same data
 */
@Validated
@ConfigurationProperties("devops.telemetry")
public record TelemetryProperties(
        @DefaultValue("auto") @Pattern(regexp = "auto|datadog|simulated") String source,
        @DefaultValue({"checkout", "cart", "search", "payments"}) @NotEmpty List<String> simulatedServices,
        @DefaultValue("42") long simulatedSeed) {
}
