package dev.lightdevops.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.operation.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OperationViewTest {

    private final OperationView view = new OperationView();
    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private final Operation queued = Operation.queued(OperationIds.next(), OperationType.DEPLOY,
            new Target("cart", "staging"), Map.of(), Map.of("placeholder", true), "alice", "acme", null, now,
            now.plusSeconds(60), null);

    @Test
    void aLateQueuedSnapshotDoesNotUndoARunningOne() {
        Operation running = queued.running(1, new Progress(10, "validate", ""), now);
        view.apply(running);

        assertThat(view.apply(queued)).isFalse();
        assertThat(view.find(queued.id())).contains(running);
    }

    @Test
    void subscribersHearOnlyChanges() throws Exception {
        List<Operation> heard = new ArrayList<>();
        try (AutoCloseable subscription = view.subscribe(heard::add)) {
            view.apply(queued);
            view.apply(queued);
        }
        view.apply(queued.running(1, new Progress(1, "validate", ""), now));

        assertThat(heard).containsExactly(queued);
    }

    @Test
    void awaitChangeCompletesWhenTheOperationMovesOn() {
        view.apply(queued);
        CompletableFuture<Optional<Operation>> waiting = view.awaitChange(queued.id(), queued, Duration.ofMinutes(1));
        assertThat(waiting).isNotDone();

        Operation running = queued.running(1, new Progress(10, "validate", ""), now);
        view.apply(running);

        assertThat(waiting).isCompletedWithValue(Optional.of(running));
    }

    @Test
    void awaitChangeAnswersTheUnchangedSnapshotWhenTheWaitRunsOut() {
        view.apply(queued);

        assertThat(view.awaitChange(queued.id(), queued, Duration.ofMillis(10)).join()).contains(queued);
    }

    @Test
    void unfinishedOperationsAreCountedPerPrincipalAndTenantUntilTheyEnd() {
        view.apply(queued);
        view.apply(queued.running(1, new Progress(10, "validate", ""), now));

        assertThat(view.unfinishedCount("alice", "acme")).isEqualTo(1);
        assertThat(view.unfinishedCount("alice", "other-tenant")).isZero();
        assertThat(view.unfinishedCount("bob", "acme")).isZero();

        view.apply(queued.running(1, new Progress(10, "validate", ""), now).succeeded(Map.of(), now));
        assertThat(view.unfinishedCount("alice", "acme")).isZero();
    }

    @Test
    void aRetiredUnfinishedOperationNoLongerCounts() {
        view.apply(queued);

        view.remove(queued.id());

        assertThat(view.unfinishedCount("alice", "acme")).isZero();
    }

    @Test
    void aWaiterOnOneOperationHearsOnlyThatOneAndLeavesWhenDone() {
        CompletableFuture<Optional<Operation>> waiting = view.awaitChange(queued.id(), null, Duration.ofMinutes(1));
        assertThat(view.subscriberCount()).isEqualTo(1);

        view.apply(Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target("cart", "staging"),
                Map.of(), Map.of("placeholder", true), "alice", "acme", null, now, now.plusSeconds(60), null));
        assertThat(waiting).isNotDone();

        view.apply(queued);
        assertThat(waiting).isCompletedWithValue(Optional.of(queued));
        assertThat(view.subscriberCount()).isZero();
    }
}
