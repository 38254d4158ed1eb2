package dev.lightdevops.worker.datadog;

import dev.lightdevops.worker.telemetry.SimulatedTelemetrySource;
import dev.lightdevops.worker.telemetry.TelemetryProperties;
import dev.lightdevops.worker.telemetry.TelemetrySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the telemetry source: Datadog when configured (or when {@code auto} finds both keys), the simulated source
 * otherwise. Says which at start, without ever printing a key.
 */
@Configuration(proxyBeanMethods = false)
class TelemetrySourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TelemetrySourceConfiguration.class);

    @Bean
    TelemetrySource telemetrySource(TelemetryProperties telemetry, DatadogProperties datadog) {
        boolean useDatadog = switch (telemetry.source()) {
            case "datadog" -> true;
            case "simulated" -> false;
            default -> datadog.hasKeys();
        };
        if (useDatadog) {
            if (!datadog.hasKeys()) {
                throw new IllegalStateException("devops.telemetry.source=datadog needs DD_API_KEY and DD_APP_KEY");
            }
            log.info("logs and metrics come from Datadog ({})", datadog);
            return new DatadogTelemetrySource(datadog);
        }
        log.info("logs and metrics come from the SIMULATED source (no Datadog keys configured)");
        return new SimulatedTelemetrySource(telemetry);
    }
}
