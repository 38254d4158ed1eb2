package dev.lightdevops.common.kafka;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the contract's topics are provisioned. Both apps create them at start with these settings; creating a topic
 * that exists is a no-op, so api and workers may start in any order.
 *
 * @param partitions partitions of the keyed topics ({@code ops.commands}, {@code ops.status}, ...); at least 12 in
 *     production so that work on many targets spreads over many workers
 * @param replicationFactor replicas of every topic; 1 for a single local broker, 3 in production
 * @param minInsyncReplicas the topics' {@code min.insync.replicas}: how many replicas must hold a write before Kafka
 *     acknowledges it (the producers send with {@code acks=all}); 1 for a single local broker, 2 in production with
 *     replication 3, so that an acknowledged write survives the loss of any one broker (docs/operations.md)
 * @param commandsRetention how long commands (and dead letters, cancel requests and approval claims) are kept
 * @param auditRetention how long the audit trail is kept
 * @param tombstoneRetention how long a deleted operation's tombstone stays in the compacted topics
 * @param confirmationsRetention how long answers to confirmation questions are kept (they matter for minutes)
 */
@Validated
@ConfigurationProperties("devops.kafka")
public record KafkaContractProperties(
        @DefaultValue("12") @Min(1) @Max(10_000) int partitions,
        @DefaultValue("1") @Min(1) @Max(32) short replicationFactor,
        @DefaultValue("1") @Min(1) @Max(32) int minInsyncReplicas,
        @DefaultValue("7d") @NotNull Duration commandsRetention,
        @DefaultValue("365d") @NotNull Duration auditRetention,
        @DefaultValue("1d") @NotNull Duration tombstoneRetention,
        @DefaultValue("1h") @NotNull Duration confirmationsRetention) {

    /** More in-sync replicas than replicas would refuse every write: stop at start instead. */
    @AssertTrue(message = "min-insync-replicas must not exceed replication-factor")
    public boolean isMinInsyncReplicasAtMostReplicationFactor() {
        return minInsyncReplicas <= replicationFactor;
    }
}
