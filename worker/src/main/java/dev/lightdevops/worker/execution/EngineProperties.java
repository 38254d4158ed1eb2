package dev.lightdevops.worker.execution;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the execution engine of a worker ({@code devops.worker.engine.*}).
 *
 * @param concurrency operations one worker runs at the same time (on different targets)
 * @param maxInFlight commands a worker holds (running or waiting for their target) before it pauses consuming
 * @param catchUpTimeout how long a worker waits for its view of {@code ops.status} to catch up before it decides
 *     what a command needs (skip, retry as attempt N+1, run)
 * @param controlLookback how far back in {@code ops.control} a starting worker reads cancel requests
 * @param shutdownGrace how long a graceful stop waits for running operations before handing them over
 * @param sweepInterval how often the {@link OperationSweeper} looks for operations left queued past their deadline
 *     and for stale last records in {@code ops.status}
 * @param sweepGrace how long past its deadline a queued operation is left to the worker holding its command before
 *     the sweeper ends it (covers clock skew and a run being started right at the deadline)
 * @param retry retries of retryable failures: exponential backoff with jitter, then the dead-letter topic
 */
@Validated
@ConfigurationProperties("devops.worker.engine")
public record EngineProperties(
        @DefaultValue("8") @Min(1) int concurrency,
        @DefaultValue("64") @Min(1) int maxInFlight,
        @DefaultValue("10s") @NotNull Duration catchUpTimeout,
        @DefaultValue("1h") @NotNull Duration controlLookback,
        @DefaultValue("30s") @NotNull Duration shutdownGrace,
        @DefaultValue("5s") @NotNull Duration sweepInterval,
        @DefaultValue("30s") @NotNull Duration sweepGrace,
        @DefaultValue @NotNull @Valid Retry retry) {

    /**
     * @param maxAttempts attempts in all, the first included
     * @param initialInterval wait before the second attempt
     * @param multiplier growth of the wait from one attempt to the next
     * @param maxInterval longest wait between attempts
     * @param jitter random spread added to or taken from each wait, so failed workers do not retry in lockstep
     */
    public record Retry(
            @DefaultValue("3") @Min(1) int maxAttempts,
            @DefaultValue("1s") @NotNull Duration initialInterval,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("30s") @NotNull Duration maxInterval,
            @DefaultValue("250ms") @NotNull Duration jitter) {

        public ExponentialBackOff backOff() {
            ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), multiplier);
            backOff.setMaxInterval(maxInterval.toMillis());
            backOff.setJitter(jitter.toMillis());
            backOff.setMaxAttempts(Math.max(0, maxAttempts - 1));
            return backOff;
        }
    }
}
