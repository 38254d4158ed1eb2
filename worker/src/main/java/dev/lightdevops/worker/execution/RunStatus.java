package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.observability.CurrentContext;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.worker.execution.StatusPublisher.StatusNotPublishedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The snapshots a run publishes to {@code ops.status}: each attempt's {@code running} start and the terminal one are
 * acknowledged before the run moves on, and both are applied to this worker's {@link StatusView} so its decisions never
 * lag what it published; progress in between goes through the run's own {@link OperationSnapshots}. An operation
 * given up on also goes to the dead-letter topic, and every end to the audit trail.
 */
@Component
class RunStatus {

    private static final Logger log = LoggerFactory.getLogger(RunStatus.class);

    private final StatusPublisher status;
    private final StatusView view;
    private final FinishedAudit audit;
    private final DeadLetters deadLetters;
    private final Executor handOff;
    private final EngineProperties settings;
    private final Clock clock;

    RunStatus(StatusPublisher status, StatusView view, FinishedAudit audit, DeadLetters deadLetters,
            Executor progressHandOff, EngineProperties settings, Clock clock) {
        this.status = status;
        this.view = view;
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.handOff = progressHandOff;
        this.settings = settings;
        this.clock = clock;
    }

    /** The progress channel of one run (coalesced, sent without waiting, in this thread's context). */
    OperationSnapshots snapshotsOfRun() {
        return new OperationSnapshots(status::send, CurrentContext.capturedFor(handOff));
    }

    /**
     * Publishes a {@code running} snapshot, acknowledged; answers whether the run may go on. A first start (no worker
     * started the operation yet, or the one that did is taken for lost) stands only if nothing ended the operation
     * before it in its partition: the api withdraws an acceptance Kafka did not confirm by writing
     * {@code not_accepted} there, and whichever of the two comes first wins in every view; and a view that had not
     * read a previous run's end yet (a duplicate command, a view behind while a leader moved) takes that run for lost.
     * So such a start is not applied to this worker's view before its reader has read the partition past it; if an
     * end came first, nothing runs (the sweeper republishes that end over this late start, which the view reports as
     * stale).
     */
    boolean started(OperationSnapshots snapshots, Operation snapshot, boolean firstStart) {
        status.await(snapshots.acknowledged(snapshot), snapshot);
        if (firstStart) {
            if (!view.awaitCaughtUp(snapshot.id(), settings.catchUpTimeout())) {
                log.warn("status view did not read this worker's start of {} in {}; running on what it has",
                        snapshot.id(), settings.catchUpTimeout());
            }
            Optional<StatusView.OperationState> now = view.find(snapshot.id());
            if (now.isPresent() && now.get().status().isTerminal()) {
                log.info("not running operation {}: it ended {} before this worker's start", snapshot.id(),
                        now.get().status().wireName());
                return false;
            }
        }
        view.apply(snapshot.id(), snapshot.status(), snapshot.attempt());
        return true;
    }

    /** Ends an operation with its outcome; {@code snapshots} is null when nothing else was sent for it here. */
    void ended(OperationSnapshots snapshots, Operation latest, Outcome outcome) {
        Operation terminal = latest.ended(outcome, clock.instant());
        try {
            if (snapshots == null) {
                status.publish(terminal);
            } else {
                // acknowledged; progress still waiting is dropped, so nothing lands after it
                snapshots.close();
                status.await(snapshots.acknowledged(terminal), terminal);
            }
        } catch (StatusNotPublishedException unacknowledged) {
            republishUntilAcknowledged(terminal);
        }
        view.apply(terminal.id(), terminal.status(), terminal.attempt());
        audit.finished(terminal);
        log.info("operation {} ({} {}) ended {} at attempt {}", terminal.id(), terminal.type().wireName(),
                terminal.target() == null ? "" : terminal.target().key(), terminal.status().wireName(),
                terminal.attempt());
    }

    /**
     * The run is over but Kafka did not acknowledge its end (which may be written): only that end is sent again, until
     * acknowledged. Never the run: retried as a command, it found a view that had not read the end and ran the deploy a
     * second time (drill-partition, a leader cut off). Stops only when the worker does (interrupted): the command is
     * then not acknowledged and its next owner decides from the partition.
     */
    private void republishUntilAcknowledged(Operation terminal) {
        Duration wait = settings.retry().initialInterval();
        while (true) {
            log.warn("Kafka did not acknowledge the {} snapshot of operation {}; sending it again in {} ms",
                    terminal.status().wireName(), terminal.id(), wait.toMillis());
            try {
                Thread.sleep(wait);
                status.publish(terminal);
                return;
            } catch (StatusNotPublishedException again) {
                if (Thread.currentThread().isInterrupted()) {
                    throw again;
                }
                Duration longer = Duration.ofMillis((long) (wait.toMillis() * settings.retry().multiplier()));
                wait = longer.compareTo(settings.retry().maxInterval()) > 0 ? settings.retry().maxInterval() : longer;
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                throw new StatusNotPublishedException(terminal, stopping);
            }
        }
    }

    /** The last failure: the command goes to the dead-letter topic, the operation ends {@code failed}. */
    void gaveUp(OperationSnapshots snapshots, Command command, Operation latest, int attempts, String code,
            String reason) {
        deadLetters.publish(command.key(), ContractJson.write(command), latest.id(), attempts, code, reason);
        ended(snapshots, latest, new Outcome.Failed(new OperationError(code, reason + " (gave up after " + attempts
                + " attempt" + (attempts == 1 ? "" : "s") + ")", false)));
    }
}
