package dev.lightdevops.api.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Observability that costs what it is worth on the request path. Spring Security would otherwise wrap every filter of
 * the chain in an observation (a span and timers per filter, per request), which profiling showed to cost more than
 * the api's own work; requests, tool calls and Kafka sends keep theirs. Trace sampling is configured in
 * {@code api.yml} (parent-based, root ratio {@code TRACING_SAMPLING_PROBABILITY}, 0 by default: nothing is recorded
 * for export unless an operator asks for it, while trace ids still reach operations and logs).
 */
@Configuration(proxyBeanMethods = false)
class ObservationCosts {

    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
