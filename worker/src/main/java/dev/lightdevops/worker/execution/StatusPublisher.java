package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.worker.WorkerProperties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes full operation snapshots to {@code ops.status}, keyed by operation id. {@link #publish} waits for the
 * acknowledgement (a snapshot the worker moves past is durable); {@link #send} does not (progress, see
 * {@link OperationSnapshots}). One idempotent producer keeps the snapshots of one operation (one key, one partition)
 * in the order they were sent.
 */
@Component
public class StatusPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final WorkerProperties settings;

    StatusPublisher(KafkaTemplate<String, byte[]> kafka, WorkerProperties settings) {
        this.kafka = kafka;
        this.settings = settings;
    }

    public void publish(Operation snapshot) {
        await(send(snapshot), snapshot);
    }

    /** Sends without waiting; the future completes when Kafka acknowledged (or refused) the snapshot. */
    CompletableFuture<?> send(Operation snapshot) {
        return sendRecord(snapshot.id(), ContractJson.write(snapshot));
    }

    /** A record as it was read (a repair republishing an operation's true last state), acknowledged. */
    void republish(String id, byte[] value, Operation snapshot) {
        await(sendRecord(id, value), snapshot);
    }

    private CompletableFuture<?> sendRecord(String id, byte[] value) {
        try {
            return kafka.send(Topics.STATUS, id, value);
        } catch (RuntimeException failedBeforeSending) {
            return CompletableFuture.failedFuture(failedBeforeSending);
        }
    }

    void await(CompletableFuture<?> sent, Operation snapshot) {
        try {
            sent.get(settings.statusPublishTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
