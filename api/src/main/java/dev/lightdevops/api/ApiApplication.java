package dev.lightdevops.api;

import dev.lightdevops.common.kafka.TopicProvisioning;
import dev.lightdevops.common.observability.ObservabilityConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The api: MCP endpoint and REST API in front of Kafka. Reads {@code api.yml}, so it can share a JVM with a worker.
 * Boot's DataSource auto-configuration is off: the history store makes its own data source, and only when a database
 * is configured, so that the api runs without one (history off).
 */
@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConfigurationPropertiesScan
@Import({TopicProvisioning.class, ObservabilityConfiguration.class})
public class ApiApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ApiApplication.class).properties("spring.config.name=api");
    }
}
