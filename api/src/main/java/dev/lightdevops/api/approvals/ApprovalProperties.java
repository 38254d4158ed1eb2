package dev.lightdevops.api.approvals;

import dev.lightdevops.common.tool.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The approval policy ({@code devops.approvals.*}): per environment, how many people other than the requester must
 * approve a deploy or rollback before anything is published, and whether a client that can ask its user confirms it
 * first. An environment not listed needs neither, except production, which by default needs one approval and a
 * confirmation: leaving it out of the configuration never opens production.
 *
 * @param deadline how long an operation waits for its approvals before it ends {@code expired}
 * @param sweepInterval how often each api instance looks for expired approval requests
 * @param confirmationWait how long a tool call waits for the user's answer to a confirmation question
 * @param environments the policy per environment name ({@code development}, {@code staging}, {@code production})
 */
@Validated
@ConfigurationProperties("devops.approvals")
public record ApprovalProperties(
        @DefaultValue("1h") @NotNull Duration deadline,
        @DefaultValue("10s") @NotNull Duration sweepInterval,
        @DefaultValue("5m") @NotNull Duration confirmationWait,
        @DefaultValue({}) Map<String, @Valid EnvironmentPolicy> environments) {

    /** Production's policy when the configuration names none. */
    static final EnvironmentPolicy PRODUCTION_DEFAULT = new EnvironmentPolicy(1, true);
    static final EnvironmentPolicy NONE = new EnvironmentPolicy(0, false);

    public ApprovalProperties {
        environments = environments == null ? Map.of() : new TreeMap<>(environments);
        for (String name : environments.keySet()) {
            if (Environment.fromWireName(name).isEmpty()) {
                throw new IllegalArgumentException("devops.approvals.environments names an unknown environment '"
                        + name + "'; known: " + Environment.wireNames());
            }
        }
        if (deadline.isNegative() || deadline.isZero() || sweepInterval.isNegative() || sweepInterval.isZero()
                || confirmationWait.isNegative() || confirmationWait.isZero()) {
            throw new IllegalArgumentException("devops.approvals deadline, sweep-interval and confirmation-wait must "
                    + "be positive durations");
        }
    }

    /** The policy of one environment. */
    public EnvironmentPolicy policy(Environment environment) {
        EnvironmentPolicy configured = environments.get(environment.wireName());
        if (configured != null) {
            return configured;
        }
        return environment == Environment.PRODUCTION ? PRODUCTION_DEFAULT : NONE;
    }

    /**
     * @param requiredApprovals distinct approvers needed (0: none; the requester never counts)
     * @param confirm whether a client that declares elicitation asks its user to confirm first
     */
    public record EnvironmentPolicy(@DefaultValue("0") @Min(0) @Max(5) int requiredApprovals,
            @DefaultValue("false") boolean confirm) {
    }
}
