package dev.lightdevops.api.approvals;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.operations.OperationsProperties;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ends what waits for approval too long: every {@code sweep-interval}, each api instance claims {@code expire} for
 * every operation of its view still awaiting approval past its {@code expires_at}; the first claim decides, so an
 * operation expires once whichever instances swept, and never after it was approved. The same sweep settles an
 * approval decided by an instance that stopped before it published the outcome: past a grace period, a rejection or
 * expiry is published again (a terminal snapshot is idempotent), and an approval whose queued snapshot never came is
 * ended {@code failed} rather than published a second time, since its command may be on its way.
 */
@Component
class ApprovalExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ApprovalExpiry.class);

    private final OperationView view;
    private final ApprovalDecisions decisions;
    private final ApprovalLog approvals;
    private final ApprovalProperties settings;
    private final Duration grace;
    private final Clock clock;
    private ScheduledExecutorService sweeper;

    ApprovalExpiry(OperationView view, ApprovalDecisions decisions, ApprovalLog approvals,
            ApprovalProperties settings, ApiProperties api, OperationsProperties operations, Clock clock) {
        this.view = view;
        this.decisions = decisions;
        this.approvals = approvals;
        this.settings = settings;
        this.grace = api.publishTimeout().plus(operations.catchUpTimeout()).multipliedBy(2);
        this.clock = clock;
    }

    /** One sweep; answers how many operations it ended. */
    int sweep() {
        Instant now = clock.instant();
        List<Operation> awaiting = view.all().stream()
                .filter(operation -> operation.status() == OperationStatus.AWAITING_APPROVAL
                        && operation.approval() != null)
                .toList();
        int ended = 0;
        for (Operation operation : awaiting) {
            var tally = approvals.tally(operation.id());
            if (tally.isPresent() && tally.get().decided()) {
                ended += decisions.settle(operation, tally.get(), now.minus(grace)) ? 1 : 0;
            } else if (!now.isBefore(operation.approval().expiresAt())) {
                decisions.expire(operation);
                ended++;
            }
        }
        return ended;
    }

    private void sweepSafely() {
        try {
            int ended = sweep();
            if (ended > 0) {
                log.info("ended {} operation(s) that waited for approval past their deadline", ended);
            }
        } catch (RuntimeException failure) {
            log.warn("approval sweep failed; trying again in {}: {}", settings.sweepInterval(), failure.toString());
        }
    }

    @Override
    public synchronized void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("approval-expiry").factory());
        long every = settings.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sweeper != null;
    }
}
