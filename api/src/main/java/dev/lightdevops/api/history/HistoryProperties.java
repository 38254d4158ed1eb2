package dev.lightdevops.api.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the history store ({@code devops.history.*}). The store is on when a database is configured:
 * {@code database-url} (the {@code DATABASE_URL} variable) or Spring's {@code spring.datasource.url}.
 *
 * @param databaseUrl a PostgreSQL URL, {@code postgres://user:password@host:port/database} or a JDBC URL; empty:
 *     {@code spring.datasource.*} decides, and without a URL there the store is off
 * @param consumerGroup the Kafka consumer group of the store's ingest (all api instances share it)
 * @param retention how long rows are kept, counted from an operation's creation or an audit event's time
 * @param retentionInterval how often the retention job runs
 * @param retentionBatch rows deleted per statement by the retention job (keeps each transaction short)
 * @param rewindCheckInterval how often an instance checks whether a rebuild asked it to read the topics again
 */
@Validated
@ConfigurationProperties("devops.history")
public record HistoryProperties(
        @DefaultValue("") String databaseUrl,
        @DefaultValue("devops-history") @NotBlank String consumerGroup,
        @DefaultValue("400d") @NotNull Duration retention,
        @DefaultValue("1h") @NotNull Duration retentionInterval,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int retentionBatch,
        @DefaultValue("5s") @NotNull Duration rewindCheckInterval) {
}
