package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.observability.CurrentContext;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.worker.execution.RunningOperations.Running;
import dev.lightdevops.worker.execution.RunningOperations.StopReason;
import dev.lightdevops.worker.execution.StatusPublisher.StatusNotPublishedException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Carries one command to a terminal snapshot, or decides it needs none. First it reads what is known of the operation
 * (after the status view caught up): terminal means skip (a redelivery); a cancel request or a passed deadline ends it
 * without running; {@code running} at attempt N means its worker was lost, so this run is attempt N+1 (the executor
 * sees {@code attempt > 1}). Then it runs the executor, retrying retryable failures with exponential backoff and
 * jitter. Each attempt's {@code running} snapshot and the terminal one are acknowledged before the run moves on;
 * progress in between is sent without waiting, coalesced ({@link OperationSnapshots}); the last failure ends {@code failed} with {@code retryable: false} and goes to the dead-letter topic. A
 * cancel request or the deadline interrupts the run ({@code cancelled}, {@code timed_out}); a revoked partition
 * interrupts it silently, since the partition's new owner runs the next attempt.
 */
@Component
public class OperationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);

    private final Map<OperationType, OperationExecutor> executors;
    private final StatusPublisher status;
    private final StatusView view;
    private final CancelRequests cancelRequests;
    private final RunningOperations running;
    private final DeadLetters deadLetters;
    private final FinishedAudit audit;
    private final ScheduledExecutorService timers;
    private final Executor handOff;
    private final EngineProperties settings;
    private final Clock clock;

    OperationRunner(List<OperationExecutor> executors, StatusPublisher status, StatusView view,
            CancelRequests cancelRequests, RunningOperations running, DeadLetters deadLetters, FinishedAudit audit,
            ScheduledExecutorService deadlineTimers, Executor progressHandOff, EngineProperties settings,
            Clock clock) {
        this.executors = executors.stream()
                .collect(Collectors.toUnmodifiableMap(OperationExecutor::type, Function.identity()));
        this.status = status;
        this.view = view;
        this.cancelRequests = cancelRequests;
        this.running = running;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.timers = deadlineTimers;
        this.handOff = progressHandOff;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs the command if it needs running; throws {@link StatusNotPublishedException} if Kafka is unreachable. */
    public void run(Command command, TopicPartition partition) {
        Operation queued = command.operation();
        if (!view.awaitCaughtUp(queued.id(), settings.catchUpTimeout())) {
            log.warn("status view did not catch up in {}; deciding on what it has", settings.catchUpTimeout());
        }
        Optional<StatusView.Known> known = view.find(queued.id());
        if (known.isPresent() && known.get().status().isTerminal()) {
            log.info("skipping command for operation {}: already {}", queued.id(), known.get().status().wireName());
            return;
        }
        if (cancelRequests.isRequested(queued.id())) {
            end(queued, OperationStatus.CANCELLED, new OperationError("cancelled", "cancelled on request", false));
            return;
        }
        if (queued.deadline() != null && !clock.instant().isBefore(queued.deadline())) {
            if (known.isEmpty()) {
                log.info("skipping command for retired operation {} (past its deadline)", queued.id());
                return;
            }
            end(queued, OperationStatus.TIMED_OUT, deadlineExceeded(queued));
            return;
        }
        boolean workerLost = known.isPresent() && known.get().status() == OperationStatus.RUNNING;
        int attempt = workerLost ? known.get().attempt() + 1 : Math.max(queued.attempt(), 1);
        if (attempt > settings.retry().maxAttempts()) {
            giveUp(null, command, queued, attempt - 1, "workers_lost", "the operation was interrupted " + (attempt - 1)
                    + " times by lost workers; it is not tried again");
            return;
        }
        execute(command, queued, attempt, workerLost, partition);
    }

    private void execute(Command command, Operation queued, int firstAttempt, boolean workerLost,
            TopicPartition partition) {
        Running handle = running.start(queued.id(), partition);
        // A cancel request heard after run()'s check but before this registration found nothing to interrupt.
        if (cancelRequests.isRequested(queued.id())) {
            handle.stop(StopReason.CANCELLED);
        }
        ScheduledFuture<?> deadline = scheduleDeadline(queued, handle);
        BackOffExecution backOff = settings.retry().backOff().start();
        AtomicReference<Operation> latest = new AtomicReference<>(queued);
        OperationSnapshots snapshots = new OperationSnapshots(status::send, CurrentContext.capturedFor(handOff));
        int attempt = firstAttempt;
        try {
            while (true) {
                String start = attempt == 1 ? "picked up by a worker" : workerLost && attempt == firstAttempt
                        ? "attempt " + attempt + ": retrying after the previous worker was lost"
                        : "attempt " + attempt + ": retrying after a retryable failure";
                // The first start of this run, fresh or after a lost worker, is confirmed against the partition.
                boolean firstStart = attempt == firstAttempt;
                if (!publishRunning(handle, snapshots, latest, latest.get().running(attempt,
                        new Progress(0, "starting", start), clock.instant()), firstStart)) {
                    return;
                }
                try {
                    Map<String, Object> result = executorFor(queued.type()).execute(latest.get(),
                            progressOf(handle, snapshots, latest, attempt));
                    endWith(snapshots, latest.get().succeeded(result, clock.instant()));
                    return;
                } catch (RuntimeException thrown) {
                    stopIfRequested(handle);
                    OperationFailedException failure = asFailure(thrown);
                    if (!failure.retryable()) {
                        endWith(snapshots, latest.get().ended(OperationStatus.FAILED, failure.toError(),
                                clock.instant()));
                        return;
                    }
                    long wait = backOff.nextBackOff();
                    if (attempt >= settings.retry().maxAttempts() || wait == BackOffExecution.STOP) {
                        giveUp(snapshots, command, latest.get(), attempt, failure.code(), failure.getMessage());
                        return;
                    }
                    log.info("operation {} attempt {} failed ({}); retrying in {} ms", queued.id(), attempt,
                            failure.code(), wait);
                    Thread.sleep(wait);
                    attempt++;
                }
            }
        } catch (InterruptedException | StopRequested stopped) {
            endStopped(snapshots, handle, latest.get());
        } catch (StatusNotPublishedException notPublished) {
            if (handle.stopReason() == null) {
                throw notPublished;
            }
            endStopped(snapshots, handle, latest.get());
        } finally {
            snapshots.close();
            if (deadline != null) {
                deadline.cancel(false);
            }
            running.finish(handle);
        }
    }

    /** Progress is sent without waiting, coalesced per operation ({@link OperationSnapshots}). */
    private ProgressListener progressOf(Running handle, OperationSnapshots snapshots,
            AtomicReference<Operation> latest, int attempt) {
        return step -> {
            if (handle.stopReason() == null) {
                Operation snapshot = latest.get().running(attempt, step, clock.instant());
                latest.set(snapshot);
                snapshots.progress(snapshot);
            }
        };
    }

    /** The {@code running} snapshot of an attempt is acknowledged before the executor starts. */
    /**
     * Publishes a {@code running} snapshot, acknowledged; answers whether the run may go on. A first start (no worker
     * started the operation yet, or the one that did is taken for lost) stands only if nothing ended the operation
     * before it in its partition: the api withdraws an acceptance Kafka did not confirm by writing
     * {@code not_accepted} there, and whichever of the two comes first wins in every view (issue 14, hole 1); and a
     * view that had not read a previous run's end yet (a duplicate command, a view behind while a leader moved)
     * takes that run for lost. So such a start is not applied to this worker's view before its reader has read the
     * partition past it; if an end came first, nothing runs (the sweeper republishes that end over this late start,
     * which the view reports as stale).
     */
    private boolean publishRunning(Running handle, OperationSnapshots snapshots, AtomicReference<Operation> latest,
            Operation snapshot, boolean firstStart) {
        if (handle.stopReason() != null) {
            throw new StopRequested();
        }
        status.await(snapshots.acknowledged(snapshot), snapshot);
        if (firstStart) {
            if (!view.awaitCaughtUp(snapshot.id(), settings.catchUpTimeout())) {
                log.warn("status view did not read this worker's start of {} in {}; running on what it has",
                        snapshot.id(), settings.catchUpTimeout());
            }
            Optional<StatusView.Known> now = view.find(snapshot.id());
            if (now.isPresent() && now.get().status().isTerminal()) {
                log.info("not running operation {}: it ended {} before this worker's start", snapshot.id(),
                        now.get().status().wireName());
                return false;
            }
        }
        latest.set(snapshot);
        view.apply(snapshot.id(), snapshot.status(), snapshot.attempt());
        return true;
    }

    private void endStopped(OperationSnapshots snapshots, Running handle, Operation latest) {
        StopReason reason = handle.stopReason();
        Thread.interrupted();
        if (reason == StopReason.CANCELLED) {
            endWith(snapshots, latest.ended(OperationStatus.CANCELLED, new OperationError("cancelled",
                    "cancelled on request", false), clock.instant()));
        } else if (reason == StopReason.DEADLINE) {
            endWith(snapshots, latest.ended(OperationStatus.TIMED_OUT, deadlineExceeded(latest), clock.instant()));
        } else {
            log.info("operation {} handed over at attempt {}; its partition's new owner runs the next attempt",
                    latest.id(), latest.attempt());
        }
    }

    private void giveUp(OperationSnapshots snapshots, Command command, Operation latest, int attempts, String code,
            String reason) {
        deadLetters.publish(command.key(), ContractJson.write(command), latest.id(), attempts, code, reason);
        endWith(snapshots, latest.ended(OperationStatus.FAILED, new OperationError(code, reason + " (gave up after "
                + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")", false), clock.instant()));
    }

    /** Ends an operation that never ran here (skip paths of {@link #run}): nothing else was sent for it. */
    private void end(Operation latest, OperationStatus terminal, OperationError error) {
        endWith(null, latest.ended(terminal, error, clock.instant()));
    }

    /** The terminal snapshot, acknowledged; progress still waiting is dropped, so nothing lands after it. */
    private void endWith(OperationSnapshots snapshots, Operation terminal) {
        try {
            if (snapshots == null) {
                status.publish(terminal);
            } else {
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

    private ScheduledFuture<?> scheduleDeadline(Operation queued, Running handle) {
        if (queued.deadline() == null) {
            return null;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), queued.deadline()).toMillis());
        return timers.schedule(() -> handle.stop(StopReason.DEADLINE), delay, TimeUnit.MILLISECONDS);
    }

    private static void stopIfRequested(Running handle) {
        if (handle.stopReason() != null) {
            throw new StopRequested();
        }
    }

    /** An executor's unexpected exception is taken as a retryable failure; the engine's own signals pass through. */
    private static OperationFailedException asFailure(RuntimeException thrown) {
        if (thrown instanceof StopRequested || thrown instanceof StatusNotPublishedException) {
            throw thrown;
        }
        if (thrown instanceof OperationFailedException failure) {
            return failure;
        }
        return new OperationFailedException("executor_error", thrown.toString(), true, thrown);
    }

    private static OperationError deadlineExceeded(Operation operation) {
        return new OperationError("deadline_exceeded", "the operation did not finish before its deadline "
                + operation.deadline(), false);
    }

    private OperationExecutor executorFor(OperationType type) {
        OperationExecutor executor = executors.get(type);
        if (executor == null) {
            throw new OperationFailedException("unsupported", "this worker cannot execute " + type.wireName(), false);
        }
        return executor;
    }

    /** Thrown inside a run once it was stopped, to leave it by the same path as an interruption. */
    private static final class StopRequested extends RuntimeException {
        StopRequested() {
            super(null, null, false, false);
        }
    }
}
