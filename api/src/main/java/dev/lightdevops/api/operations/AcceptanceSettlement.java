package dev.lightdevops.api.operations;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides what became of an acceptance whose sends Kafka did not confirm (a timeout, an error: the command may have
 * been written or not). It withdraws the acceptance by writing {@code not_accepted} to the operation's partition of
 * {@code ops.status}, then reads that partition up to its withdrawal. A worker starts an operation only if its own
 * start record precedes every end there (see {@link Operation#supersedes}), so exactly one of the two wins:
 * <ul>
 *   <li>the withdrawal came first: no worker will ever run the operation; the caller is told it was not accepted
 *       ({@link CommandNotDurableException}, retryable);</li>
 *   <li>a worker's start came first: the operation was accepted after all, and the caller gets it;</li>
 *   <li>the withdrawal itself could not be written or read back: the caller is told the outcome is unknown, with the
 *       operation id to check ({@link AcceptanceUnknownException}), and the settlement goes on in the background until
 *       it is decided or the operation's deadline passes. So is a caller whose answer timeout ran out before the
 *       settlement decided ({@link AnswerBudget}).</li>
 * </ul>
 */
@Component
class AcceptanceSettlement {

    private static final Logger log = LoggerFactory.getLogger(AcceptanceSettlement.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final KafkaTemplate<String, byte[]> kafka;
    private final OperationView view;
    private final ConsumedPositions statusPositions;
    private final OperationsProperties settings;
    private final Clock clock;
    /** Operations whose acceptance this instance is still settling in the background: their outcome is unknown. */
    private final Set<String> settling = ConcurrentHashMap.newKeySet();

    AcceptanceSettlement(KafkaTemplate<String, byte[]> kafka, OperationView view, ConsumedPositions statusPositions,
            OperationsProperties settings, Clock clock) {
        this.kafka = kafka;
        this.view = view;
        this.statusPositions = statusPositions;
        this.settings = settings;
        this.clock = clock;
    }

    /** The operation if it was accepted after all; otherwise throws what the caller must be told (see above). */
    Operation settle(Operation queued, Throwable failure, AnswerBudget budget) {
        log.warn("Kafka did not confirm the acceptance of operation {} ({}); withdrawing it", queued.id(),
                failure.toString());
        try {
            return withdraw(queued, failure, budget);
        } catch (Unsettled unsettled) {
            settling.add(queued.id());
            Thread.ofVirtual().name("settle-" + queued.id()).start(() -> {
                try {
                    keepSettling(queued, failure);
                } finally {
                    settling.remove(queued.id());
                }
            });
            throw new AcceptanceUnknownException(queued.id(), unsettled.getCause());
        }
    }

    /**
     * Whether the outcome of this operation's acceptance is still unknown here (its settlement goes on in the
     * background): an idempotent retry must not be told it was accepted, since the withdrawal may still win.
     */
    boolean settling(String id) {
        return settling.contains(id);
    }

    private Operation withdraw(Operation queued, Throwable failure, AnswerBudget budget) {
        if (budget.spent()) {
            throw new Unsettled(new TimeoutException("the call's answer timeout ran out before the settlement"));
        }
        Operation withdrawal = queued.ended(new Outcome.Failed(new OperationError(Operation.NOT_ACCEPTED,
                "Kafka did not confirm this acceptance in time; it was withdrawn and will not run. Try again", true)),
                clock.instant());
        RecordMetadata written;
        try {
            // Bounded by catch-up-timeout, so that the caller hears within a few seconds even when Kafka is down;
            // a withdrawal still in flight then is harmless: the background settlement writes (and reads) another.
            written = kafka.send(Topics.STATUS, queued.id(), ContractJson.write(withdrawal))
                    .get(budget.bound(settings.catchUpTimeout()).toNanos(), TimeUnit.NANOSECONDS).getRecordMetadata();
        } catch (ExecutionException | TimeoutException | RuntimeException notWritten) {
            throw new Unsettled(notWritten instanceof ExecutionException e ? e.getCause() : notWritten);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unsettled(interrupted);
        }
        if (!statusPositions.awaitConsumed(written.partition(), written.offset(),
                budget.bound(settings.catchUpTimeout())).join()) {
            throw new Unsettled(new TimeoutException("the operation view did not read the withdrawal in time"));
        }
        Operation settled = view.find(queued.id()).orElse(withdrawal);
        if (settled.isTerminal() && settled.startedAt() == null) {
            log.info("operation {} withdrawn: no worker started it first", queued.id());
            throw CommandPublisher.notDurable(failure);
        }
        if (settled.isTerminal()) {
            // Its run ended before the withdrawal landed: the compacted topic's last record must be that end again.
            kafka.send(Topics.STATUS, settled.id(), ContractJson.write(settled));
        }
        log.info("operation {} was accepted after all: a worker started it before the withdrawal", queued.id());
        return settled;
    }

    private void keepSettling(Operation queued, Throwable failure) {
        Duration wait = FIRST_RETRY;
        while (queued.deadline() == null || clock.instant().isBefore(queued.deadline())) {
            try {
                Thread.sleep(wait);
                Operation settled = withdraw(queued, failure, AnswerBudget.unbounded());
                log.info("operation {} settled in the background: accepted ({})", queued.id(),
                        settled.status().wireName());
                return;
            } catch (CommandNotDurableException withdrawn) {
                return;
            } catch (Unsettled again) {
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            } catch (InterruptedException stopping) {
                return;
            }
        }
        log.warn("operation {} could not be settled before its deadline", queued.id());
    }

    /** The withdrawal could not be written, or not read back: nothing is decided yet. */
    private static final class Unsettled extends RuntimeException {
        Unsettled(Throwable cause) {
            super(cause);
        }
    }
}
