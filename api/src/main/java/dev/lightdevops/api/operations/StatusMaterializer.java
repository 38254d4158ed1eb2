package dev.lightdevops.api.operations;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Feeds {@link OperationView} from {@code ops.status}. Every api instance reads every partition from the beginning
 * (a group of its own, nothing committed), so a restarted instance rebuilds its whole view from the compacted topic.
 */
@Component
class StatusMaterializer extends AbstractConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(StatusMaterializer.class);

    private final OperationView view;
    private final ConsumedPositions positions;

    StatusMaterializer(OperationView view, ConsumedPositions positions) {
        this.view = view;
        this.positions = positions;
    }

    @KafkaListener(id = "operation-view", containerFactory = "viewListenerFactory", topics = Topics.STATUS,
            groupId = "devops-api-view-#{T(java.util.UUID).randomUUID()}")
    void onSnapshot(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                view.remove(record.key());
            } else {
                view.apply(ContractJson.read(record.value(), Operation.class));
            }
        } catch (JacksonException unreadable) {
            log.warn("skipping an unreadable snapshot at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), unreadable.getOriginalMessage());
        } finally {
            positions.consumed(record.partition(), record.offset());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToBeginning(assignments.keySet());
    }
}
