package dev.lightdevops.api.compat;

import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.common.operation.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/** Waits, without holding a thread, until an operation is terminal or a wait runs out; answers its latest snapshot. */
@Component
class OperationAwaiter {

    private final OperationView view;
    private final Clock clock;

    OperationAwaiter(OperationView view, Clock clock) {
        this.view = view;
        this.clock = clock;
    }

    CompletableFuture<Optional<Operation>> awaitTerminal(String id, Duration wait) {
        return next(id, view.find(id).orElse(null), clock.instant().plus(wait));
    }

    private CompletableFuture<Optional<Operation>> next(String id, Operation seen, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        if ((seen != null && seen.isTerminal()) || left.isNegative() || left.isZero()) {
            return CompletableFuture.completedFuture(Optional.ofNullable(seen));
        }
        return view.awaitChange(id, seen, left).thenCompose(latest -> next(id, latest.orElse(null), deadline));
    }
}
