package dev.lightdevops.worker.deploy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a worker deploys.
 *
 * @param target which {@link DeployTarget} runs deploys and rollbacks: {@code simulated}, {@code command} or
 *     {@code kubernetes} (settings under {@code devops.deploy.kubernetes})
 * @param viewCatchUpTimeout how long one wait of a deploy or rollback for this worker's view of {@code ops.deployments}
 *     to include every record written before it started (another worker may have deployed the previous version)
 *     lasts; a view still behind is waited for again until the operation's deadline
 * @param simulated settings of the simulated target
 * @param command settings of the command target
 */
@Validated
@ConfigurationProperties("devops.deploy")
public record DeployProperties(
        @DefaultValue("simulated") @Pattern(regexp = "simulated|command|kubernetes") String target,
        @DefaultValue("10s") @NotNull Duration viewCatchUpTimeout,
        @DefaultValue @Valid Simulated simulated,
        @DefaultValue @Valid Command command) {

    /**
     * @param replicas replicas a rolling update walks through
     * @param stageDurations per-stage durations (validate, pull_image, rolling_update (per replica), health_check,
     *     traffic_shift); a stage not listed takes {@code devops.worker.simulated-stage-duration}
     * @param failureRates per-stage probability (0..1) that the stage fails
     * @param seed makes failures reproducible: the same seed, operation and stage always decide the same way
     * @param failingVersions versions matching this regular expression always fail their health check (empty: none)
     */
    public record Simulated(
            @DefaultValue("3") @Min(1) @Max(100) int replicas,
            Map<String, Duration> stageDurations,
            Map<String, @DecimalMin("0") @DecimalMax("1") Double> failureRates,
            Long seed,
            @DefaultValue("") String failingVersions) {

        public Simulated {
            stageDurations = stageDurations == null ? Map.of() : Map.copyOf(stageDurations);
            failureRates = failureRates == null ? Map.of() : Map.copyOf(failureRates);
        }
    }

    /**
     * @param environments per environment, the deploy and rollback commands (program then fixed arguments)
     * @param timeout the longest a command may run (the operation's deadline may end it sooner)
     * @param workingDirectory where commands run (default: the worker's directory)
     * @param healthCheckFailedExitCode the exit code by which a command says "rolled out but unhealthy", which
     *     triggers an automatic rollback when the deploy asked for one
     * @param terminationGrace how long a cancelled command gets between SIGTERM and SIGKILL
     */
    public record Command(
            Map<String, EnvironmentCommands> environments,
            @DefaultValue("15m") @NotNull Duration timeout,
            Path workingDirectory,
            @DefaultValue("3") int healthCheckFailedExitCode,
            @DefaultValue("5s") @NotNull Duration terminationGrace) {

        public Command {
            environments = environments == null ? Map.of() : Map.copyOf(environments);
        }
    }

    /** The commands of one environment; service, version and environment are appended as separate arguments. */
    public record EnvironmentCommands(List<String> deploy, List<String> rollback) {
    }
}
