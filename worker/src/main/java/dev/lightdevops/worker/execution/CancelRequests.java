package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.CancelRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Hears every cancel request on {@code ops.control}: every worker reads all of it (a group of its own). A request for
 * an operation this worker runs interrupts it at once; every request is also remembered for the lookback, so an
 * operation whose command reaches this worker later (say after its first worker was lost) is not started. A starting
 * worker reads the lookback's worth of past requests.
 */
@Component
class CancelRequests extends AbstractConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(CancelRequests.class);
    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Instant> requested = new ConcurrentHashMap<>();
    private final RunningOperations running;
    private final EngineProperties settings;
    private final Clock clock;

    CancelRequests(RunningOperations running, EngineProperties settings, Clock clock) {
        this.running = running;
        this.settings = settings;
        this.clock = clock;
    }

    @KafkaListener(id = "worker-control", topics = Topics.CONTROL, containerFactory = "readAllListenerFactory",
            groupId = "devops-worker-control-#{T(java.util.UUID).randomUUID()}")
    void onControl(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            CancelRequest request = ContractJson.read(record.value(), CancelRequest.class);
            requested.put(request.operationId(), request.requestedAt() == null ? clock.instant()
                    : request.requestedAt());
            if (running.stop(request.operationId(), RunningOperations.StopReason.CANCELLED)) {
                log.info("operation {} is being cancelled at the request of {}", request.operationId(),
                        request.requestedBy());
            }
            prune();
        } catch (JacksonException unreadable) {
            log.warn("skipping an unreadable control record at offset {}", record.offset());
        }
    }

    boolean isRequested(String operationId) {
        return requested.containsKey(operationId);
    }

    private void prune() {
        if (requested.size() > PRUNE_ABOVE) {
            Instant horizon = clock.instant().minus(settings.controlLookback());
            requested.values().removeIf(at -> at.isBefore(horizon));
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToTimestamp(assignments.keySet(),
                clock.instant().minus(settings.controlLookback()).toEpochMilli());
    }
}
