package dev.lightdevops.api.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code /actuator/history} on the management port: how far the store has read each topic and how far behind it is
 * ({@code GET}), and the rebuild command ({@code POST}): {@code replay} makes every api instance read the three topics
 * again from the beginning over the rows it has (idempotent upserts: nothing is duplicated, what the topics hold is
 * written again); {@code from_scratch} deletes every row first. Either way every instance notices within
 * {@code rewind-check-interval} and reads again; what the topics no longer hold (snapshots compacted away after the
 * view's retention, audit past the topic's retention) does not come back, which is why {@code replay} is the default.
 */
@Component
@Conditional(HistoryStoreConfigured.class)
@Endpoint(id = "history")
class HistoryEndpoint {

    private static final Logger log = LoggerFactory.getLogger(HistoryEndpoint.class);
    static final List<String> TOPICS = List.of(dev.lightdevops.common.kafka.Topics.STATUS,
            dev.lightdevops.common.kafka.Topics.AUDIT, dev.lightdevops.common.kafka.Topics.DEPLOYMENTS);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaAdmin kafka;

    HistoryEndpoint(JdbcClient jdbc, TransactionTemplate transactions, KafkaAdmin kafka) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
    }

    @ReadOperation
    Map<String, Object> status() throws Exception {
        Map<TopicPartition, Long> stored = new LinkedHashMap<>();
        jdbc.sql("SELECT topic, partition, next_offset FROM ingest_positions").query((row, n) -> {
            stored.put(new TopicPartition(row.getString(1), row.getInt(2)), row.getLong(3));
            return null;
        }).list();
        Map<TopicPartition, Long> ends = endOffsets();
        Map<String, Object> topics = new TreeMap<>();
        for (String topic : TOPICS) {
            long behind = 0;
            long read = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (end.getKey().topic().equals(topic)) {
                    long position = stored.getOrDefault(end.getKey(), 0L);
                    read += position;
                    behind += Math.max(0, end.getValue() - position);
                }
            }
            topics.put(topic, Map.of("records_read", read, "records_behind", behind));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("topics", topics);
        answer.put("rows_estimated", rowEstimates());
        return answer;
    }

    /** {@code mode}: {@code replay} (default) or {@code from_scratch}. */
    @WriteOperation
    Map<String, Object> rebuild(@Nullable String mode) {
        String chosen = mode == null || mode.isBlank() ? "replay" : mode.trim();
        if (!chosen.equals("replay") && !chosen.equals("from_scratch")) {
            throw new IllegalArgumentException("mode must be replay or from_scratch");
        }
        transactions.executeWithoutResult(status -> {
            if (chosen.equals("from_scratch")) {
                jdbc.sql("TRUNCATE operations, audit_events, deployment_events, ingest_positions").update();
            } else {
                jdbc.sql("DELETE FROM ingest_positions").update();
            }
        });
        log.warn("history store rebuild ({}): every api instance reads ops.status, ops.audit and ops.deployments "
                + "again from the beginning", chosen);
        return Map.of("mode", chosen, "status", "started",
                "detail", "every api instance reads the topics again within its rewind-check-interval; follow "
                        + "records_behind on GET /actuator/history");
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(kafka.getConfigurationProperties())) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(TOPICS).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(partition ->
                            latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    private Map<String, Long> rowEstimates() {
        Map<String, Long> rows = new TreeMap<>();
        jdbc.sql("""
                SELECT relname, greatest(reltuples, 0)::bigint FROM pg_class
                WHERE relname IN ('operations', 'audit_events', 'deployment_events') AND relkind = 'r'
                """).query((row, n) -> rows.put(row.getString(1), row.getLong(2))).list();
        return rows;
    }
}
