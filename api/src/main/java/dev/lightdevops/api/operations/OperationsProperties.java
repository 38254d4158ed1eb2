package dev.lightdevops.api.operations;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the operations engine on the api side ({@code devops.api.operations.*}).
 *
 * @param fetchDeadline default deadline of fetch_logs / fetch_metrics operations (deploys and rollbacks use
 *     {@code devops.api.deploy-deadline})
 * @param idempotencyWindow how long the same idempotency key from the same principal returns the original operation
 * @param retention how long a terminal operation is kept before it is tombstoned in {@code ops.status}
 * @param maxRetained most operations a view keeps; past it the oldest terminal ones are tombstoned early
 * @param sweepInterval how often retention is enforced
 * @param catchUpTimeout how long a read of an id the view has not seen waits for the view to catch up with the topic
 * @param maxWait longest long-poll wait a caller may ask for
 * @param startupCatchUpTimeout how long a starting api waits for its view to replay {@code ops.status} before it serves
 * @param streamTimeout longest life of an operation's event stream ({@code /events}); clients reconnect after it
 * @param timelinesKept how many operations' timelines (every status, attempt and stage with its time) an api keeps
 *     in memory (the most recently active ones); an operation past it shows its timestamps only
 */
@Validated
@ConfigurationProperties("devops.api.operations")
public record OperationsProperties(
        @DefaultValue("2m") @NotNull Duration fetchDeadline,
        @DefaultValue("24h") @NotNull Duration idempotencyWindow,
        @DefaultValue("24h") @NotNull Duration retention,
        @DefaultValue("100000") @Min(1) int maxRetained,
        @DefaultValue("1m") @NotNull Duration sweepInterval,
        @DefaultValue("5s") @NotNull Duration catchUpTimeout,
        @DefaultValue("60s") @NotNull Duration maxWait,
        @DefaultValue("1h") @NotNull Duration streamTimeout,
        @DefaultValue("2m") @NotNull Duration startupCatchUpTimeout,
        @DefaultValue("10000") @Min(1) int timelinesKept) {
}
