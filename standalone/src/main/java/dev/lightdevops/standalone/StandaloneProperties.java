package dev.lightdevops.standalone;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the one-command local stack.
 *
 * @param dataDirectory where the embedded broker keeps its data (relative to the working directory)
 * @param kafkaPort the embedded broker's port; 0 takes a free one, so two stacks can run side by side
 * @param kafkaBootstrapServers an existing cluster to use instead of the embedded broker (empty: embed one)
 * @param embeddedPostgres whether to start the embedded PostgreSQL of the history store (data under the data
 *     directory); skipped when a database is given ({@code DATABASE_URL} or {@code spring.datasource.url})
 * @param postgresPort the embedded PostgreSQL's port; 0 takes a free one
 */
@Validated
@ConfigurationProperties("devops.standalone")
public record StandaloneProperties(
        @DefaultValue("data") @NotBlank String dataDirectory,
        @DefaultValue("0") @Min(0) @Max(65535) int kafkaPort,
        @DefaultValue("") String kafkaBootstrapServers,
        @DefaultValue("true") boolean embeddedPostgres,
        @DefaultValue("0") @Min(0) @Max(65535) int postgresPort) {
}
