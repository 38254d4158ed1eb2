package dev.lightdevops.api.operations;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.CancelRequest;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Makes an accepted operation durable in one trip to Kafka: the queued snapshot ({@code ops.status}, keyed by id) and
 * the command ({@code ops.commands}, keyed by target) are sent together and awaited together (idempotent producer,
 * acks=all); commands of one target still reach Kafka in acceptance order, since each call waits for its own. A
 * worker starts an operation only once its status view holds the queued snapshot, so its own snapshots land after it
 * in the compacted topic; a queued snapshot that lands late anyway is ignored by every view (they only move forward).
 * When Kafka does not confirm both, {@link AcceptanceSettlement} decides, through the operation's partition, what the
 * caller is told; when the producer refuses the snapshot before sending it, nothing was written and the caller is told
 * at once that the operation was not accepted. Plain blocking calls: they run on the request's virtual thread.
 */
@Component
public class CommandPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final AcceptanceSettlement settlement;
    private final ApiProperties settings;

    CommandPublisher(KafkaTemplate<String, byte[]> kafka, AcceptanceSettlement settlement, ApiProperties settings) {
        this.kafka = kafka;
        this.settlement = settlement;
        this.settings = settings;
    }

    /**
     * Answers the operation once Kafka acknowledged its queued snapshot and its command, or once the settlement found
     * it accepted after all; throws {@link CommandNotDurableException} when it was not accepted (no worker will run
     * it, e.g. the snapshot never left the api) and {@link AcceptanceUnknownException} when even that could not be
     * settled.
     */
    public Operation publish(Operation queued, String key) {
        return publish(queued, key, AnswerBudget.of(settings.answerTimeout()));
    }

    /** {@link #publish(Operation, String)} within what is left of the caller's {@code budget}. */
    Operation publish(Operation queued, String key, AnswerBudget budget) {
        CompletableFuture<SendResult<String, byte[]>> snapshot;
        try {
            snapshot = kafka.send(Topics.STATUS, queued.id(), ContractJson.write(queued));
        } catch (RuntimeException neverSent) {
            // The producer refused the snapshot before it reached its buffer (KafkaTemplate throws then: e.g. no
            // metadata within max.block.ms while every broker is unreachable), so nothing of this operation exists
            // anywhere: the caller hears "not accepted" now, without a command or a withdrawal that would each block
            // as long again (drill-broker: three such sends in a row answered after the client's 15 s).
            throw notDurable(neverSent);
        }
        CompletableFuture<SendResult<String, byte[]>> command =
                send(Topics.COMMANDS, key, ContractJson.write(new Command(key, queued)));
        try {
            CompletableFuture.allOf(snapshot, command).get(budget.bound(settings.publishTimeout()).toNanos(),
                    TimeUnit.NANOSECONDS);
            return queued;
        } catch (ExecutionException | TimeoutException notConfirmed) {
            return settlement.settle(queued, notConfirmed instanceof ExecutionException failed
                    ? failed.getCause() : notConfirmed, budget);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return settlement.settle(queued, interrupted, budget);
        }
    }

    /** Whether this instance is still settling the acceptance of {@code id}: its outcome is unknown. */
    public boolean outcomeUnknown(String id) {
        return settlement.settling(id);
    }

    /** Publishes a snapshot the api itself decided (e.g. cancelled while queued); returns once acknowledged. */
    public RecordMetadata publishSnapshot(Operation snapshot) {
        return await(send(Topics.STATUS, snapshot.id(), ContractJson.write(snapshot))).getRecordMetadata();
    }

    /** Asks whichever worker runs the operation to stop it; returns once acknowledged. */
    public void publishCancelRequest(CancelRequest request) {
        await(send(Topics.CONTROL, request.operationId(), ContractJson.write(request)));
    }

    /** Tombstones a retired operation in the compacted topic; every view drops it when the tombstone arrives. */
    public CompletableFuture<SendResult<String, byte[]>> publishTombstone(String id) {
        return send(Topics.STATUS, id, null);
    }

    private CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, byte[] value) {
        try {
            return kafka.send(topic, key, value);
        } catch (RuntimeException failedBeforeSending) {
            return CompletableFuture.failedFuture(failedBeforeSending);
        }
    }

    private <T> T await(CompletableFuture<T> sent) {
        try {
            return sent.get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw notDurable(failed.getCause());
        } catch (TimeoutException late) {
            throw notDurable(late);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw notDurable(interrupted);
        }
    }

    static CommandNotDurableException notDurable(Throwable cause) {
        return new CommandNotDurableException(
                "Kafka did not acknowledge the write in time; nothing was changed, try again", cause);
    }
}
