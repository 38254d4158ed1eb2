package dev.lightdevops.standalone;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the one-command local stack.
 *
 * @param dataDirectory where the embedded broker keeps its data and every component's JSON log goes (relative to
 *     the working directory)
 * @param kafkaPort the embedded broker's port; 0 takes a free one, so two stacks can run side by side
 * @param kafkaBootstrapServers an existing cluster to use instead of the embedded broker (empty: embed one)
 * @param console what the console shows: {@code human} (the stack's own lines and every warning, the full JSON log in
 *     the log file) or {@code json} (every component's JSON lines, as the api and worker jars print them)
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
        @DefaultValue("human") @NotNull Console console,
        @DefaultValue("true") boolean embeddedPostgres,
        @DefaultValue("0") @Min(0) @Max(65535) int postgresPort) {

    public enum Console { HUMAN, JSON }

    /** The data directory, absolute. */
    public Path dataPath() {
        return Path.of(dataDirectory).toAbsolutePath().normalize();
    }

    /** The file every component's JSON log lines go to. */
    public Path logFile() {
        return dataPath().resolve("logs").resolve("light-devops.jsonl");
    }

    /** The logging arguments every context of the stack gets, so that whichever starts last logs the same way. */
    public String[] loggingArguments() {
        return new String[] {"--logging.config=classpath:dev/lightdevops/standalone/console-"
                + console.name().toLowerCase(java.util.Locale.ROOT) + ".xml", "--logging.file.name=" + logFile(),
                "--logging.register-shutdown-hook=false"};
    }
}
