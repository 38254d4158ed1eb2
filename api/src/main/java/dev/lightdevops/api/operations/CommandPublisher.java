package dev.lightdevops.api.operations;

import org.springframework.beans.factory.annotation.Qualifier;
import java.util.concurrent.Executor;
import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.observability.TraceIds;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.CancelRequest;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationStatus;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes an accepted operation durable. The queued snapshot is written to {@code ops.status} first and the command to
 * {@code ops.commands} only after that, so every snapshot a worker writes lands after the queued one in the compacted
 * topic. The returned future completes only once Kafka acknowledged both (idempotent producer, acks=all).
 */
@Component
public class CommandPublisher {

    private static final Logger log = LoggerFactory.getLogger(CommandPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final ApiProperties settings;
    private final Clock clock;
    /** Where continuations run: never the common pool, which has a single thread on a 2-core machine. */
    private final Executor continuations;

    CommandPublisher(KafkaTemplate<String, byte[]> kafka, ApiProperties settings, Clock clock,
            @Qualifier("applicationTaskExecutor") Executor continuations) {
        this.continuations = continuations;
        this.kafka = kafka;
        this.settings = settings;
        this.clock = clock;
    }

    public CompletableFuture<Operation> publish(Operation queued, String key) {
        // The command is sent off the producer's I/O thread (where the status ack completes): a send there must not
        // wait for metadata that only that thread can fetch (after metadata.max.idle.ms without deploys).
        return send(Topics.STATUS, queued.id(), ContractJson.write(queued))
                .thenComposeAsync(TraceIds.inThisTrace(statusWritten -> send(Topics.COMMANDS, key,
                        ContractJson.write(new Command(key, queued)))
                        .exceptionallyCompose(failure -> markNotAccepted(queued, failure))), continuations)
                .thenApply(commandWritten -> queued)
                .orTimeout(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> {
                    if (unwrap(failure) instanceof TimeoutException) {
                        // No verdict from Kafka yet: end the operation, so a command that still lands is skipped.
                        markNotAccepted(queued, failure);
                    }
                    return CompletableFuture.failedFuture(notDurable(unwrap(failure)));
                });
    }

    /** Publishes a snapshot the api itself decided (e.g. cancelled while queued); completes once acknowledged. */
    public CompletableFuture<Operation> publishSnapshot(Operation snapshot) {
        return send(Topics.STATUS, snapshot.id(), ContractJson.write(snapshot)).thenApply(written -> snapshot)
                .orTimeout(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(notDurable(unwrap(failure))));
    }

    /** Asks whichever worker runs the operation to stop it; completes once acknowledged. */
    public CompletableFuture<CancelRequest> publishCancelRequest(CancelRequest request) {
        return send(Topics.CONTROL, request.operationId(), ContractJson.write(request)).thenApply(written -> request)
                .orTimeout(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(notDurable(unwrap(failure))));
    }

    /** Tombstones a retired operation in the compacted topic; every view drops it when the tombstone arrives. */
    public CompletableFuture<Object> publishTombstone(String id) {
        return send(Topics.STATUS, id, null);
    }

    private CompletableFuture<Object> send(String topic, String key, byte[] value) {
        try {
            return kafka.send(topic, key, value).thenApply(acknowledged -> acknowledged);
        } catch (RuntimeException failedBeforeSending) {
            return CompletableFuture.failedFuture(failedBeforeSending);
        }
    }

    /** The queued snapshot is durable but its command is not: end it, so no operation waits for a command forever. */
    private CompletableFuture<Object> markNotAccepted(Operation queued, Throwable failure) {
        Operation failed = queued.ended(OperationStatus.FAILED, new OperationError("not_accepted",
                "the command could not be written to Kafka; the call was not accepted", true), clock.instant());
        send(Topics.STATUS, failed.id(), ContractJson.write(failed)).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("operation {} stays queued without a command: {}", queued.id(), error.toString());
            }
        });
        return CompletableFuture.failedFuture(failure);
    }

    private static CommandNotDurableException notDurable(Throwable cause) {
        return new CommandNotDurableException(
                "Kafka did not acknowledge the command in time; nothing was accepted, try again", cause);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
