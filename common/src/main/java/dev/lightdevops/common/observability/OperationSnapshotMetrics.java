package dev.lightdevops.common.observability;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.support.LoggingProducerListener;

/**
 * Operation metrics counted where the truth is made: each snapshot this process got acknowledged on
 * {@code ops.status}. A queued snapshot is written once, by the api that accepted the call; a terminal one once, by
 * whoever ended the operation. So counts are exact across any number of api instances and workers, and a view
 * rebuilding from the topic counts nothing twice. Keeps the logging of failed sends it replaces.
 */
public class OperationSnapshotMetrics extends LoggingProducerListener<Object, Object> {

    public static final String ACCEPTED = "devops.operations.accepted";
    public static final String FINISHED = "devops.operations.finished";
    public static final String TIME_TO_TERMINAL = "devops.operations.time.to.terminal";
    public static final String IN_FLIGHT = "devops.operations.in.flight";

    private final MeterRegistry registry;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public OperationSnapshotMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge(IN_FLIGHT, inFlight, Set::size);
    }

    @Override
    public void onSuccess(ProducerRecord<Object, Object> record, RecordMetadata metadata) {
        if (!Topics.STATUS.equals(record.topic()) || !(record.value() instanceof byte[] value)) {
            return;
        }
        Operation snapshot;
        try {
            snapshot = ContractJson.read(value, Operation.class);
        } catch (RuntimeException notASnapshot) {
            return;
        }
        record(snapshot);
    }

    void record(Operation snapshot) {
        String type = snapshot.type().wireName();
        // Accepted once: a gated operation when it starts awaiting approval, any other when it is first queued.
        boolean accepted = snapshot.approval() == null
                ? snapshot.status() == OperationStatus.QUEUED && snapshot.attempt() <= 1
                : snapshot.status() == OperationStatus.AWAITING_APPROVAL && snapshot.approval().approvals().isEmpty();
        if (accepted) {
            Counter.builder(ACCEPTED).description("Operations accepted (queued snapshot durable), by type")
                    .tag("type", type).register(registry).increment();
        } else if (snapshot.status() == OperationStatus.RUNNING) {
            inFlight.add(snapshot.id());
        } else if (snapshot.isTerminal()) {
            inFlight.remove(snapshot.id());
            String status = snapshot.status().wireName();
            Counter.builder(FINISHED).description("Operations that reached a terminal status, by type and outcome")
                    .tag("type", type).tag("status", status).register(registry).increment();
            if (snapshot.createdAt() != null && snapshot.finishedAt() != null) {
                Timer.builder(TIME_TO_TERMINAL).description("From acceptance to terminal status")
                        .tag("type", type).tag("status", status).publishPercentileHistogram()
                        .register(registry).record(Duration.between(snapshot.createdAt(), snapshot.finishedAt()));
            }
        }
    }
}
