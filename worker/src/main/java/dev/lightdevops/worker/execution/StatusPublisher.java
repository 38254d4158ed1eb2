package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.worker.WorkerProperties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes full operation snapshots to {@code ops.status}, keyed by operation id, and waits for the
 * acknowledgement: a snapshot the worker moves past is durable.
 */
@Component
public class StatusPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final WorkerProperties settings;

    StatusPublisher(KafkaTemplate<String, byte[]> kafka, WorkerProperties settings) {
        this.kafka = kafka;
        this.settings = settings;
    }

    /** Publishes the snapshot and waits for Kafka's acknowledgement; answers where it was written. */
    public RecordMetadata publish(Operation snapshot) {
        try {
            return kafka.send(Topics.STATUS, snapshot.id(), ContractJson.write(snapshot))
                    .get(settings.statusPublishTimeout().toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StatusNotPublishedException(snapshot, interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new StatusNotPublishedException(snapshot, failed);
        }
    }

    /** A snapshot could not be made durable; the command is not acknowledged and will be redelivered. */
    public static class StatusNotPublishedException extends RuntimeException {

        StatusNotPublishedException(Operation snapshot, Throwable cause) {
            super("could not publish " + snapshot.status().wireName() + " snapshot of operation " + snapshot.id(),
                    cause);
        }
    }
}
