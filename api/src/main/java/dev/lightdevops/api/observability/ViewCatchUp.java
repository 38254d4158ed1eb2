package dev.lightdevops.api.observability;

import dev.lightdevops.common.kafka.Topics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import dev.lightdevops.common.observability.ObservabilityProperties;

/**
 * Whether this instance's operation view has caught up with {@code ops.status}: every partition has been applied up
 * to the end offset it had when first checked. Until then a poll could miss an operation that exists, so the
 * instance is not ready for traffic. Once caught up it stays so: later records are live traffic, not backlog.
 * Bean name {@code operationViewHealthIndicator}: the health contributor {@code operationView} in readiness.
 */
@Component("operationViewHealthIndicator")
public class ViewCatchUp extends AbstractHealthIndicator {

    private final Admin admin;
    private final ObservabilityProperties settings;
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();
    private volatile Map<Integer, Long> backlogEnd;
    private volatile boolean caughtUp;

    ViewCatchUp(Admin admin, ObservabilityProperties settings) {
        super("the operation view could not be checked");
        this.admin = admin;
        this.settings = settings;
    }

    /** Called by the view's consumer after each record of {@code ops.status} is applied. */
    public void applied(int partition, long offset) {
        applied.merge(partition, offset, Math::max);
    }

    public boolean isCaughtUp() {
        if (caughtUp) {
            return true;
        }
        Map<Integer, Long> end = backlogEnd;
        if (end == null) {
            return false;
        }
        caughtUp = end.entrySet().stream()
                .allMatch(partition -> applied.getOrDefault(partition.getKey(), -1L) >= partition.getValue() - 1);
        return caughtUp;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        if (backlogEnd == null) {
            backlogEnd = endOffsets();
        }
        long behind = backlogEnd.entrySet().stream()
                .mapToLong(p -> Math.max(0, p.getValue() - 1 - applied.getOrDefault(p.getKey(), -1L))).sum();
        (isCaughtUp() ? builder.up() : builder.outOfService())
                .withDetail("caught_up", caughtUp)
                .withDetail("records_behind_backlog", caughtUp ? 0 : behind);
    }

    private Map<Integer, Long> endOffsets() throws Exception {
        long timeout = settings.kafkaHealthTimeout().toMillis();
        var partitions = admin.describeTopics(java.util.List.of(Topics.STATUS)).allTopicNames()
                .get(timeout, TimeUnit.MILLISECONDS).get(Topics.STATUS).partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(
                p -> new TopicPartition(Topics.STATUS, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                admin.listOffsets(latest).all().get(timeout, TimeUnit.MILLISECONDS);
        return offsets.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }
}
