package dev.lightdevops.worker.execution;

import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.worker.execution.OperationTriage.Cancel;
import dev.lightdevops.worker.execution.OperationTriage.Expire;
import dev.lightdevops.worker.execution.OperationTriage.GiveUp;
import dev.lightdevops.worker.execution.OperationTriage.Run;
import dev.lightdevops.worker.execution.OperationTriage.Skip;
import dev.lightdevops.worker.execution.RunningOperations.Running;
import dev.lightdevops.worker.execution.RunningOperations.StopReason;
import dev.lightdevops.worker.execution.StatusPublisher.StatusNotPublishedException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Carries one command to a terminal snapshot, or decides it needs none: {@link OperationTriage} decides (skip, cancel,
 * expire, give up, or run attempt N), and this carries the decision out. A run executes the executor, retrying
 * retryable failures with exponential backoff and jitter; the last failure ends {@code failed} with
 * {@code retryable: false} and goes to the dead-letter topic ({@link RunStatus} publishes each step). A cancel request
 * or the deadline interrupts the run ({@code cancelled}, {@code timed_out}); a revoked partition interrupts it
 * silently, since the partition's new owner runs the next attempt.
 */
@Component
public class OperationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);
    private static final OperationError CANCELLED_ON_REQUEST = new OperationError("cancelled", "cancelled on request",
            false);

    /** How one attempt ended, as the loop over attempts reads it. */
    private sealed interface AttemptEnd {
    }

    private record Succeeded(Map<String, Object> result) implements AttemptEnd {
    }

    private record Failed(OperationFailedException failure) implements AttemptEnd {
    }

    /** The executor gave up because the run was stopped (cancel, deadline, hand-over), not because it failed. */
    private record Stopped() implements AttemptEnd {
    }

    private final Map<OperationType, OperationExecutor> executors;
    private final OperationTriage triage;
    private final RunStatus status;
    private final RunningOperations running;
    private final ScheduledExecutorService timers;
    private final EngineProperties settings;
    private final Clock clock;

    OperationRunner(List<OperationExecutor> executors, OperationTriage triage, RunStatus status,
            RunningOperations running, ScheduledExecutorService deadlineTimers, EngineProperties settings,
            Clock clock) {
        this.executors = executors.stream()
                .collect(Collectors.toUnmodifiableMap(OperationExecutor::type, Function.identity()));
        this.triage = triage;
        this.status = status;
        this.running = running;
        this.timers = deadlineTimers;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs the command if it needs running; throws {@link StatusNotPublishedException} if Kafka is unreachable. */
    public void run(Command command, TopicPartition partition) {
        Operation queued = command.operation();
        switch (triage.decide(queued)) {
            case Skip skip -> log.info("skipping command for operation {}: {}", queued.id(), skip.why());
            case Cancel _ -> status.ended(null, queued, new Outcome.Cancelled(CANCELLED_ON_REQUEST));
            case Expire _ -> status.ended(null, queued, new Outcome.TimedOut(deadlineExceeded(queued)));
            case GiveUp lost -> status.gaveUp(null, command, queued, lost.attempts(), "workers_lost",
                    "the operation was interrupted " + lost.attempts() + " times by lost workers; it is not tried "
                            + "again");
            case Run run -> execute(command, queued, run, partition);
        }
    }

    private void execute(Command command, Operation queued, Run first, TopicPartition partition) {
        Running handle = running.start(queued.id(), partition);
        // A cancel request heard after the triage but before this registration found nothing to interrupt.
        if (triage.cancelRequested(queued.id())) {
            handle.stop(StopReason.CANCELLED);
        }
        ScheduledFuture<?> deadline = scheduleDeadline(queued, handle);
        AtomicReference<Operation> latest = new AtomicReference<>(queued);
        OperationSnapshots snapshots = status.snapshotsOfRun();
        try {
            runAttempts(command, first, handle, snapshots, latest);
        } catch (InterruptedException interrupted) {
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

    /** The attempts, from the triage's first one on, until one ends the operation or the run is stopped. */
    private void runAttempts(Command command, Run first, Running handle, OperationSnapshots snapshots,
            AtomicReference<Operation> latest) throws InterruptedException {
        BackOffExecution backOff = settings.retry().backOff().start();
        for (int attempt = first.attempt(); ; attempt++) {
            if (handle.stopReason() != null) {
                endStopped(snapshots, handle, latest.get());
                return;
            }
            // The first start of this run, fresh or after a lost worker, is confirmed against the partition.
            boolean firstStart = attempt == first.attempt();
            Operation start = latest.get().running(attempt, new Progress(0, "starting", startMessage(attempt, first)),
                    clock.instant());
            if (!status.started(snapshots, start, firstStart)) {
                return;
            }
            latest.set(start);
            switch (attempt(latest, handle, snapshots, attempt)) {
                case Succeeded done -> {
                    status.ended(snapshots, latest.get(), new Outcome.Succeeded(done.result()));
                    return;
                }
                case Stopped _ -> {
                    endStopped(snapshots, handle, latest.get());
                    return;
                }
                case Failed failed when !failed.failure().retryable() -> {
                    status.ended(snapshots, latest.get(), new Outcome.Failed(failed.failure().toError()));
                    return;
                }
                case Failed failed -> {
                    long wait = backOff.nextBackOff();
                    if (attempt >= settings.retry().maxAttempts() || wait == BackOffExecution.STOP) {
                        status.gaveUp(snapshots, command, latest.get(), attempt, failed.failure().code(),
                                failed.failure().getMessage());
                        return;
                    }
                    log.info("operation {} attempt {} failed ({}); retrying in {} ms", latest.get().id(), attempt,
                            failed.failure().code(), wait);
                    Thread.sleep(wait);
                }
            }
        }
    }

    /**
     * One attempt of the executor. An executor's unexpected exception is a retryable failure, unless the run was
     * stopped meanwhile (the executor saw the interrupt); the engine's own signal that Kafka is unreachable passes.
     */
    private AttemptEnd attempt(AtomicReference<Operation> latest, Running handle, OperationSnapshots snapshots,
            int attempt) throws InterruptedException {
        try {
            return new Succeeded(executorFor(latest.get().type()).execute(latest.get(),
                    progressOf(handle, snapshots, latest, attempt)));
        } catch (StatusNotPublishedException notPublished) {
            throw notPublished;
        } catch (RuntimeException thrown) {
            if (handle.stopReason() != null) {
                return new Stopped();
            }
            return new Failed(thrown instanceof OperationFailedException failure ? failure
                    : new OperationFailedException("executor_error", thrown.toString(), true, thrown));
        }
    }

    private static String startMessage(int attempt, Run first) {
        if (attempt == 1) {
            return "picked up by a worker";
        }
        return first.workerLost() && attempt == first.attempt()
                ? "attempt " + attempt + ": retrying after the previous worker was lost"
                : "attempt " + attempt + ": retrying after a retryable failure";
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

    private void endStopped(OperationSnapshots snapshots, Running handle, Operation latest) {
        StopReason reason = handle.stopReason();
        Thread.interrupted();
        switch (reason) {
            case CANCELLED -> status.ended(snapshots, latest, new Outcome.Cancelled(CANCELLED_ON_REQUEST));
            case DEADLINE -> status.ended(snapshots, latest, new Outcome.TimedOut(deadlineExceeded(latest)));
            case HANDED_OVER -> handedOver(latest);
            case null -> handedOver(latest);
        }
    }

    private static void handedOver(Operation latest) {
        log.info("operation {} handed over at attempt {}; its partition's new owner runs the next attempt",
                latest.id(), latest.attempt());
    }

    private ScheduledFuture<?> scheduleDeadline(Operation queued, Running handle) {
        if (queued.deadline() == null) {
            return null;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), queued.deadline()).toMillis());
        return timers.schedule(() -> handle.stop(StopReason.DEADLINE), delay, TimeUnit.MILLISECONDS);
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
}
