package dev.lightdevops.api.operations;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.CompactedTopicReader;
import dev.lightdevops.common.operation.Operation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Applies each record of {@code ops.status} to {@link OperationView}, as the sink of this instance's
 * {@link CompactedTopicReader} of the topic ({@link StatusPositionsConfiguration}): every api instance reads every
 * partition from the beginning, so a restarted instance rebuilds its whole view from the compacted topic. The view's
 * own merge rule ({@link Operation#supersedes}) decides what a record changes.
 */
@Component
class StatusMaterializer {

    private static final Logger log = LoggerFactory.getLogger(StatusMaterializer.class);

    private final OperationView view;

    StatusMaterializer(OperationView view) {
        this.view = view;
    }

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
        }
    }
}
