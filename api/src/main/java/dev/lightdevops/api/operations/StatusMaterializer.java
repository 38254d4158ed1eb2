package dev.lightdevops.api.operations;

import dev.lightdevops.api.observability.ViewCatchUp;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link OperationView} from {@code ops.status}. Every api instance reads every partition from the beginning
 * (a group of its own, nothing committed), so a restarted instance rebuilds its whole view from the compacted topic.
 */
@Component
class StatusMaterializer extends AbstractConsumerSeekAware {

    private final OperationView view;
    private final ViewCatchUp catchUp;

    StatusMaterializer(OperationView view, ViewCatchUp catchUp) {
        this.view = view;
        this.catchUp = catchUp;
    }

    @KafkaListener(id = "operation-view", containerFactory = "viewListenerFactory", topics = Topics.STATUS,
            groupId = "devops-api-view-#{T(java.util.UUID).randomUUID()}")
    void onSnapshot(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            view.remove(record.key());
        } else {
            view.apply(ContractJson.read(record.value(), Operation.class));
        }
        catchUp.applied(record.partition(), record.offset());
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToBeginning(assignments.keySet());
    }
}
