package dev.lightdevops.worker;

import dev.lightdevops.common.kafka.TopicProvisioning;
import java.time.Clock;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A worker: consumes commands, executes operations, publishes their snapshots. Reads {@code worker.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicProvisioning.class)
public class WorkerApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=worker");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
