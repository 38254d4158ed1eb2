package dev.lightdevops.api.history;

import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * What one poll of the three topics means for the store, decoded and reduced before anything is written: per
 * operation only the snapshot that supersedes the others (the view's own rule), per target only the newest
 * deployment record (whose bounded history holds the earlier ones), every audit event once. Tombstones on
 * {@code ops.status} are ignored: the history outlives the in-memory retention that writes them. An unreadable record
 * is skipped with a warning and still counts as read, as it does in the api's view.
 */
final class IngestBatch {

    private static final Logger log = LoggerFactory.getLogger(IngestBatch.class);

    private final Map<String, Snapshot> operations = new LinkedHashMap<>();
    private final Map<String, AuditRow> audit = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();

    /** One audit event and the id it is stored under. */
    record AuditRow(String id, AuditEvent event) {
    }

    /** An operation snapshot and its JSON as it came (stored as it is, not written again). */
    record Snapshot(Operation operation, byte[] json) {
    }

    static IngestBatch of(Collection<ConsumerRecord<String, byte[]>> records) {
        IngestBatch batch = new IngestBatch();
        // A target's deployment record holds its whole recent history: only the last one per key in a poll counts.
        Map<String, Long> lastDeployment = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.topic().equals(Topics.DEPLOYMENTS) && record.key() != null) {
                lastDeployment.merge(record.key(), record.offset(), Math::max);
            }
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            boolean superseded = record.topic().equals(Topics.DEPLOYMENTS) && record.key() != null
                    && lastDeployment.get(record.key()) != record.offset();
            batch.add(record, superseded);
        }
        return batch;
    }

    private void add(ConsumerRecord<String, byte[]> record, boolean superseded) {
        nextOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        if (record.value() == null || superseded) {
            return;
        }
        try {
            switch (record.topic()) {
                case Topics.STATUS -> addSnapshot(new Snapshot(ContractJson.read(record.value(), Operation.class),
                        record.value()));
                case Topics.AUDIT -> addAudit(ContractJson.read(record.value(), AuditEvent.class), record);
                case Topics.DEPLOYMENTS -> addDeployment(ContractJson.read(record.value(), Deployment.class));
                default -> log.warn("history ingest got a record of an unexpected topic {}", record.topic());
            }
        } catch (JacksonException | IllegalArgumentException | NullPointerException unreadable) {
            log.warn("history: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), unreadable.getMessage());
        }
    }

    private void addSnapshot(Snapshot snapshot) {
        operations.merge(snapshot.operation().id(), snapshot,
                (current, next) -> next.operation().supersedes(current.operation()) ? next : current);
    }

    private void addAudit(AuditEvent event, ConsumerRecord<String, byte[]> record) {
        if (event.at() == null || event.action() == null) {
            log.warn("history: skipping an audit event without time or action at {}-{}@{}", record.topic(),
                    record.partition(), record.offset());
            return;
        }
        // Events written before they carried ids are keyed by where they sit in the topic, which never changes.
        String id = event.id() != null ? event.id()
                : "kafka:" + record.topic() + ":" + record.partition() + ":" + record.offset();
        audit.putIfAbsent(id, new AuditRow(id, event));
    }

    private void addDeployment(Deployment deployment) {
        if (deployment.service() == null || deployment.environment() == null) {
            return;
        }
        deployments.put(deployment.key(), deployment);
    }

    Collection<Snapshot> operations() {
        return operations.values();
    }

    Collection<AuditRow> audit() {
        return audit.values();
    }

    Collection<Deployment> deployments() {
        return deployments.values();
    }

    /** The offset after the last record of each partition in the batch: the positions to store with its rows. */
    Map<TopicPartition, Long> nextOffsets() {
        return nextOffsets;
    }

    boolean isEmpty() {
        return nextOffsets.isEmpty();
    }

    static List<ConsumerRecord<String, byte[]>> from(Collection<ConsumerRecord<String, byte[]>> records,
            java.util.function.Predicate<ConsumerRecord<String, byte[]>> accepted) {
        List<ConsumerRecord<String, byte[]>> kept = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (accepted.test(record)) {
                kept.add(record);
            }
        }
        return kept;
    }
}
