package dev.lightdevops.worker.execution;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a command needs, decided before anything runs, on what this worker knows of its operation once the status
 * view caught up with the operation's partition: terminal means skip (a redelivery); a cancel request or a passed
 * deadline ends it without running; {@code running} at attempt N means its worker was lost, so this run is attempt
 * N+1, unless the lost workers used up the attempts.
 */
@Component
class OperationTriage {

    private static final Logger log = LoggerFactory.getLogger(OperationTriage.class);

    /** One of the closed set of answers; {@link OperationRunner} carries each out. */
    sealed interface Decision {
    }

    /** Nothing to do: already ended, or retired past its deadline before this worker heard of it. */
    record Skip(String why) implements Decision {
    }

    /** A cancel request came first: end {@code cancelled} without running. */
    record Cancel() implements Decision {
    }

    /** Its deadline passed before it ran: end {@code timed_out}. */
    record Expire() implements Decision {
    }

    /** Lost workers interrupted it {@code attempts} times, the most allowed: end {@code failed}, dead-lettered. */
    record GiveUp(int attempts) implements Decision {
    }

    /** Run attempt {@code attempt}; {@code workerLost} says an earlier worker's attempt was interrupted. */
    record Run(int attempt, boolean workerLost) implements Decision {
    }

    private final StatusView view;
    private final CancelRequests cancelRequests;
    private final EngineProperties settings;
    private final Clock clock;

    OperationTriage(StatusView view, CancelRequests cancelRequests, EngineProperties settings, Clock clock) {
        this.view = view;
        this.cancelRequests = cancelRequests;
        this.settings = settings;
        this.clock = clock;
    }

    Decision decide(Operation queued) {
        if (!view.awaitCaughtUp(queued.id(), settings.catchUpTimeout())) {
            log.warn("status view did not catch up in {}; deciding on what it has", settings.catchUpTimeout());
        }
        Optional<StatusView.OperationState> known = view.find(queued.id());
        if (known.isPresent() && known.get().status().isTerminal()) {
            return new Skip("already " + known.get().status().wireName());
        }
        if (cancelRequested(queued.id())) {
            return new Cancel();
        }
        if (queued.deadline() != null && !clock.instant().isBefore(queued.deadline())) {
            return known.isEmpty() ? new Skip("retired operation past its deadline") : new Expire();
        }
        boolean workerLost = known.isPresent() && known.get().status() == OperationStatus.RUNNING;
        int attempt = workerLost ? known.get().attempt() + 1 : Math.max(queued.attempt(), 1);
        if (attempt > settings.retry().maxAttempts()) {
            return new GiveUp(attempt - 1);
        }
        return new Run(attempt, workerLost);
    }

    /** Asked again once the run is registered: a request heard in between found nothing to interrupt. */
    boolean cancelRequested(String operationId) {
        return cancelRequests.isRequested(operationId);
    }
}
