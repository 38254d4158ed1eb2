package dev.lightdevops.api.history;

import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.operation.Operation;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one poll into the store in one transaction: the rows and, with them, how far each partition has been read.
 * So a stored position never runs ahead of the stored rows, and whatever was not committed is read again. Every
 * write is an idempotent upsert (operations move only forward, as in the api's view; audit and deployment events are
 * inserted once), so a redelivered record changes nothing. A partition whose stored position went back since this
 * instance last wrote it (a rebuild deleted it) is not written: the caller seeks it back and reads it again.
 */
@Component
@Conditional(HistoryStoreConfigured.class)
class HistoryWriter {

    private static final String UPSERT_OPERATION = """
            INSERT INTO operations AS o (id, tenant, type, service, environment, status, status_rank, terminal,
                attempt, requested_by, version, from_version, reason, approvals, approved_by, approved_at,
                error_code, error_message, created_at, updated_at, finished_at, snapshot)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (id) DO UPDATE SET tenant = EXCLUDED.tenant, type = EXCLUDED.type,
                service = EXCLUDED.service, environment = EXCLUDED.environment, status = EXCLUDED.status,
                status_rank = EXCLUDED.status_rank, terminal = EXCLUDED.terminal, attempt = EXCLUDED.attempt,
                requested_by = EXCLUDED.requested_by, version = EXCLUDED.version,
                from_version = EXCLUDED.from_version, reason = EXCLUDED.reason, approvals = EXCLUDED.approvals,
                approved_by = EXCLUDED.approved_by, approved_at = EXCLUDED.approved_at,
                error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                finished_at = EXCLUDED.finished_at, snapshot = EXCLUDED.snapshot
            WHERE (NOT o.terminal AND (EXCLUDED.terminal OR EXCLUDED.attempt > o.attempt
                    OR (EXCLUDED.attempt = o.attempt AND EXCLUDED.status_rank > o.status_rank)
                    OR (EXCLUDED.attempt = o.attempt AND EXCLUDED.status_rank = o.status_rank
                        AND EXCLUDED.approvals >= o.approvals)))
               OR (EXCLUDED.status = o.status AND EXCLUDED.attempt = o.attempt
                    AND EXCLUDED.updated_at IS NOT DISTINCT FROM o.updated_at)
            """;

    private static final String INSERT_AUDIT = """
            INSERT INTO audit_events (id, at, action, principal, tenant, client_address, tool, operation_id,
                operation_type, target, service, environment, arguments, outcome, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """;

    private static final String INSERT_DEPLOYMENT_EVENT = """
            INSERT INTO deployment_events (operation_id, kind, at, service, environment, version, from_version,
                outcome, reason, via, requested_by, worker)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (operation_id, kind, at) DO NOTHING
            """;

    private static final String LOCK_POSITIONS = """
            SELECT p.topic, p.partition, p.next_offset, p.topic_id FROM ingest_positions p
            JOIN unnest(?::text[], ?::int[]) AS wanted(topic, partition)
              ON p.topic = wanted.topic AND p.partition = wanted.partition
            ORDER BY p.topic, p.partition FOR UPDATE OF p
            """;

    private static final String STORE_POSITION = """
            INSERT INTO ingest_positions (topic, partition, next_offset, topic_id) VALUES (?, ?, ?, ?)
            ON CONFLICT (topic, partition) DO UPDATE SET
                next_offset = CASE WHEN ingest_positions.topic_id IS DISTINCT FROM EXCLUDED.topic_id
                                   AND EXCLUDED.topic_id IS NOT NULL THEN EXCLUDED.next_offset
                                   ELSE GREATEST(ingest_positions.next_offset, EXCLUDED.next_offset) END,
                topic_id = coalesce(EXCLUDED.topic_id, ingest_positions.topic_id)
            """;

    private static final int T = Types.VARCHAR;
    private static final int TS = Types.TIMESTAMP_WITH_TIMEZONE;
    private static final int[] OPERATION_TYPES = {T, T, T, T, T, T, Types.SMALLINT, Types.BOOLEAN, Types.INTEGER, T,
        T, T, T, Types.SMALLINT, T, TS, T, T, TS, TS, TS, T};
    private static final int[] AUDIT_TYPES = {T, TS, T, T, T, T, T, T, T, T, T, T, T, T, T};
    private static final int[] DEPLOYMENT_TYPES = {T, T, TS, T, T, T, T, T, T, T, T, T};
    private static final int[] POSITION_TYPES = {T, Types.INTEGER, Types.BIGINT, T};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** Kafka's id of each topic as this instance last saw it; a stored position of another id does not count. */
    private final Map<String, String> topicIds = new java.util.concurrent.ConcurrentHashMap<>();

    HistoryWriter(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Records the ids of the topics as they are now (at each assignment). */
    void topicIds(Map<String, String> current) {
        topicIds.putAll(current);
    }

    /**
     * What a write did: the position each partition is stored at now, and the partitions to read again from their
     * stored position (absent: from the beginning) because a rebuild moved them back.
     */
    record Written(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> rewinds, int rows) {
    }

    /**
     * Writes {@code records}; {@code readUpTo} holds, per partition, the position this instance last stored (or found
     * stored when it was assigned the partition).
     */
    Written write(List<ConsumerRecord<String, byte[]>> records, Map<TopicPartition, Long> readUpTo) {
        return transactions.execute(status -> {
            Set<TopicPartition> partitions = new LinkedHashSet<>();
            records.forEach(record -> partitions.add(new TopicPartition(record.topic(), record.partition())));
            Map<TopicPartition, Long> stored = lockPositions(partitions);
            Map<TopicPartition, Long> rewinds = new HashMap<>();
            for (TopicPartition partition : partitions) {
                Long mine = readUpTo.get(partition);
                Long now = stored.get(partition);
                if (mine != null && (now == null || now < mine)) {
                    rewinds.put(partition, now);
                }
            }
            IngestBatch batch = IngestBatch.of(IngestBatch.from(records, record -> {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long now = stored.get(partition);
                return !rewinds.containsKey(partition) && (now == null || record.offset() >= now);
            }));
            int rows = upsertOperations(batch.operations()) + insertAudit(batch.audit())
                    + insertDeployments(batch.deployments());
            Map<TopicPartition, Long> positions = new LinkedHashMap<>();
            for (TopicPartition partition : partitions) {
                if (!rewinds.containsKey(partition)) {
                    long next = Math.max(stored.getOrDefault(partition, 0L),
                            batch.nextOffsets().getOrDefault(partition, 0L));
                    positions.put(partition, next);
                }
            }
            storePositions(positions);
            return new Written(positions, rewinds, rows);
        });
    }

    /** The stored positions of these partitions (absent: never read, or rebuilt since). */
    Map<TopicPartition, Long> positions(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return transactions.execute(status -> lockPositions(partitions));
    }

    private Map<TopicPartition, Long> lockPositions(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = new HashMap<>();
        if (partitions.isEmpty()) {
            return stored;
        }
        String[] topics = partitions.stream().map(TopicPartition::topic).toArray(String[]::new);
        Integer[] numbers = partitions.stream().map(TopicPartition::partition).toArray(Integer[]::new);
        jdbc.query(LOCK_POSITIONS, statement -> {
            statement.setArray(1, array(statement, "text", topics));
            statement.setArray(2, array(statement, "integer", numbers));
        }, row -> {
            String storedId = row.getString(4);
            String currentId = topicIds.get(row.getString(1));
            // A position of an earlier incarnation of the topic (deleted, created again) is no position at all.
            if (storedId == null || currentId == null || storedId.equals(currentId)) {
                stored.put(new TopicPartition(row.getString(1), row.getInt(2)), row.getLong(3));
            }
        });
        return stored;
    }

    private void storePositions(Map<TopicPartition, Long> positions) {
        List<Object[]> rows = new ArrayList<>(positions.size());
        positions.forEach((partition, next) -> rows.add(new Object[] {partition.topic(), partition.partition(),
                next, topicIds.get(partition.topic())}));
        if (!rows.isEmpty()) {
            batch(STORE_POSITION, POSITION_TYPES, rows);
        }
    }

    private int upsertOperations(Collection<IngestBatch.Snapshot> snapshots) {
        List<Object[]> rows = new ArrayList<>(snapshots.size());
        for (IngestBatch.Snapshot snapshot : snapshots) {
            Operation operation = snapshot.operation();
            OperationColumns columns = OperationColumns.of(operation);
            ApprovalColumns approval = ApprovalColumns.of(operation);
            Instant created = operation.createdAt() != null ? operation.createdAt()
                    : operation.updatedAt() != null ? operation.updatedAt() : Instant.EPOCH;
            rows.add(new Object[] {operation.id(), operation.tenant(), operation.type().wireName(),
                    operation.target() == null ? null : operation.target().service(),
                    operation.target() == null ? null : operation.target().environment(),
                    operation.status().wireName(), operation.status().rank(), operation.isTerminal(),
                    operation.attempt(), operation.requestedBy(), columns.version(), columns.fromVersion(),
                    columns.reason(), approval.count(), approval.approvedBy(), time(approval.approvedAt()),
                    operation.error() == null ? null : operation.error().code(),
                    operation.error() == null ? null : operation.error().message(), time(created),
                    time(operation.updatedAt()), time(operation.finishedAt()),
                    new String(snapshot.json(), StandardCharsets.UTF_8)});
        }
        return batch(UPSERT_OPERATION, OPERATION_TYPES, rows);
    }

    private int insertAudit(Collection<IngestBatch.AuditRow> events) {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (IngestBatch.AuditRow row : events) {
            var event = row.event();
            String[] target = splitTarget(event.target());
            rows.add(new Object[] {row.id(), time(event.at()), event.action(), event.principal(), event.tenant(),
                    event.clientAddress(), event.tool(), event.operationId(), event.operationType(), event.target(),
                    target[0], target[1], event.arguments() == null ? null : json(
                            event.arguments()), event.outcome(), event.detail()});
        }
        return batch(INSERT_AUDIT, AUDIT_TYPES, rows);
    }

    private int insertDeployments(Collection<Deployment> deployments) {
        if (deployments.isEmpty()) {
            return 0;
        }
        Map<String, Instant> newestStored = newestStoredEvents(deployments);
        List<Object[]> rows = new ArrayList<>();
        for (Deployment deployment : deployments) {
            Instant stored = newestStored.get(deployment.key());
            List<DeploymentEvent> history = deployment.history();
            for (int i = 0; i < history.size(); i++) {
                DeploymentEvent event = history.get(i);
                if (event.operationId() == null || event.at() == null || event.kind() == null
                        || (stored != null && !event.at().isAfter(stored))) {
                    continue;
                }
                rows.add(new Object[] {event.operationId(), event.kind(), time(event.at()), deployment.service(),
                        deployment.environment(), event.version(), liveBefore(history, i), event.outcome(),
                        event.reason(), event.via(), event.requestedBy(), event.worker()});
            }
        }
        return batch(INSERT_DEPLOYMENT_EVENT, DEPLOYMENT_TYPES, rows);
    }

    /** The version live before entry {@code index} of a newest-first history: the next older entry that went live. */
    static String liveBefore(List<DeploymentEvent> history, int index) {
        for (int older = index + 1; older < history.size(); older++) {
            if (history.get(older).becameLive()) {
                return history.get(older).version();
            }
        }
        return null;
    }

    private Map<String, Instant> newestStoredEvents(Collection<Deployment> deployments) {
        String[] services = deployments.stream().map(Deployment::service).toArray(String[]::new);
        String[] environments = deployments.stream().map(Deployment::environment).toArray(String[]::new);
        Map<String, Instant> newest = new HashMap<>();
        jdbc.query("""
                SELECT d.service, d.environment, max(d.at) FROM deployment_events d
                JOIN unnest(?::text[], ?::text[]) AS wanted(service, environment)
                  ON d.service = wanted.service AND d.environment = wanted.environment
                GROUP BY d.service, d.environment
                """, statement -> {
                    statement.setArray(1, array(statement, "text", services));
                    statement.setArray(2, array(statement, "text", environments));
                }, row -> {
                    newest.put(row.getString(1) + "@" + row.getString(2),
                            row.getObject(3, OffsetDateTime.class).toInstant());
                });
        return newest;
    }

    /** Runs {@code sql} for each row, binding every value with its column's SQL type (nulls included). */
    private int batch(String sql, int[] types, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        jdbc.batchUpdate(sql, rows, rows.size(), (statement, row) -> {
            for (int i = 0; i < types.length; i++) {
                if (row[i] == null) {
                    statement.setNull(i + 1, types[i]);
                } else {
                    statement.setObject(i + 1, row[i], types[i]);
                }
            }
        });
        return rows.size();
    }

    private static String[] splitTarget(String target) {
        int at = target == null ? -1 : target.lastIndexOf('@');
        return at < 0 ? new String[] {null, null} : new String[] {target.substring(0, at), target.substring(at + 1)};
    }

    private static String json(Object value) {
        return new String(ContractJson.write(value), StandardCharsets.UTF_8);
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Array array(PreparedStatement statement, String type, Object[] values) throws SQLException {
        return statement.getConnection().createArrayOf(type, values);
    }
}
