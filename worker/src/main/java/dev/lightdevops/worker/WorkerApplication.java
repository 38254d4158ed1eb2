package dev.lightdevops.worker;

import dev.lightdevops.common.kafka.TopicProvisioning;
import dev.lightdevops.common.observability.ObservabilityConfiguration;
import java.time.Clock;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A worker: consumes commands, executes operations, publishes their snapshots. Reads {@code worker.yml}. Its only
 * HTTP server is the management port.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({TopicProvisioning.class, ObservabilityConfiguration.class})
public class WorkerApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        // A servlet app only for its management port (health, readiness, Prometheus): it serves no API.
        return new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=worker");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
