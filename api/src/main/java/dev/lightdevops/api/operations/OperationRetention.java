package dev.lightdevops.api.operations;

import dev.lightdevops.common.operation.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the operation views bounded. Every {@code sweep-interval} it tombstones, in the compacted {@code ops.status},
 * the terminal operations that ended more than {@code retention} ago, and, if the view still holds more than
 * {@code max-retained} operations, the oldest terminal ones beyond that. Every view (api and worker) drops an
 * operation when its tombstone arrives; this instance drops it at once. Running operations are never retired.
 * Several api instances may tombstone the same operation: a duplicate tombstone is harmless.
 */
@Component
class OperationRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OperationRetention.class);

    private final OperationView view;
    private final CommandPublisher publisher;
    private final OperationsProperties settings;
    private final Clock clock;
    private ScheduledExecutorService sweeper;

    OperationRetention(OperationView view, CommandPublisher publisher, OperationsProperties settings, Clock clock) {
        this.view = view;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    /** Retires what is due now; answers how many operations it tombstoned. */
    int sweep() {
        Instant horizon = clock.instant().minus(settings.retention());
        List<Operation> terminal = view.all().stream().filter(Operation::isTerminal).toList();
        List<Operation> expired = terminal.stream().filter(operation -> endedAt(operation).isBefore(horizon))
                .toList();
        int excess = view.size() - expired.size() - settings.maxRetained();
        Stream<Operation> overflow = excess <= 0 ? Stream.empty() : terminal.stream()
                .filter(operation -> !endedAt(operation).isBefore(horizon))
                .sorted(Comparator.comparing(OperationRetention::endedAt))
                .limit(excess);
        List<Operation> retired = Stream.concat(expired.stream(), overflow).toList();
        for (Operation operation : retired) {
            publisher.publishTombstone(operation.id());
            view.remove(operation.id());
        }
        if (!retired.isEmpty()) {
            log.info("retired {} terminal operations ({} past retention); the view holds {}", retired.size(),
                    expired.size(), view.size());
        }
        return retired.size();
    }

    private static Instant endedAt(Operation operation) {
        if (operation.finishedAt() != null) {
            return operation.finishedAt();
        }
        return operation.updatedAt() != null ? operation.updatedAt() : Instant.EPOCH;
    }

    @Override
    public synchronized void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "operation-retention");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException failure) {
            log.warn("retention sweep failed; trying again in {}: {}", settings.sweepInterval(), failure.toString());
        }
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
