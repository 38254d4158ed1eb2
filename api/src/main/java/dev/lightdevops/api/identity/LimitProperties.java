package dev.lightdevops.api.identity;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Per-principal limits ({@code devops.limits.*}).
 *
 * @param mutatingCalls how many mutating tool calls a principal may make per {@code mutatingCallsPeriod}
 * @param mutatingCallsPeriod the window in which {@code mutatingCalls} refill
 * @param maxActiveOperations how many not-yet-terminal deploys and rollbacks a principal may have at once (reads
 *     never count)
 * @param fetchCalls how many reads that start a fetch (get_logs, get_metrics) a principal may make per
 *     {@code fetchCallsPeriod}; reads of operations and deployments are answered from memory and not limited
 * @param maxRequestBody the largest request body accepted (413 above)
 */
@Validated
@ConfigurationProperties("devops.limits")
public record LimitProperties(
        @DefaultValue("30") @Min(1) long mutatingCalls,
        @DefaultValue("1m") @NotNull Duration mutatingCallsPeriod,
        @DefaultValue("20") @Min(1) int maxActiveOperations,
        @DefaultValue("1MB") @NotNull DataSize maxRequestBody,
        @DefaultValue("120") @Min(1) long fetchCalls,
        @DefaultValue("1m") @NotNull Duration fetchCallsPeriod) {
}
