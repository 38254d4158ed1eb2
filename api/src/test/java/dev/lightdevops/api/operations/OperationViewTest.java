package dev.lightdevops.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    void aWaitEndsWhenTheOperationMovesOn() {
        view.apply(queued);
        CompletableFuture<Optional<Operation>> waiting = inBackground(() -> view.awaitMatch(queued.id(),
                snapshot -> !snapshot.equals(queued), Duration.ofMinutes(1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> view.subscriberCount() == 1);
        assertThat(waiting).isNotDone();

        Operation running = queued.running(1, new Progress(10, "validate", ""), now);
        view.apply(running);

        assertThat(waiting.join()).contains(running);
    }

    @Test
    void aWaitAnswersTheUnchangedSnapshotWhenItRunsOut() {
        view.apply(queued);

        assertThat(view.awaitMatch(queued.id(), snapshot -> !snapshot.equals(queued), Duration.ofMillis(10)))
                .contains(queued);
        assertThat(view.subscriberCount()).isZero();
    }

    @Test
    void aTerminalOperationIsKeptWithItsOutcomeOnlyNotItsPlaceholder() {
        Operation done = queued.running(1, null, now).succeeded(Map.of("version", "1"), now);

        view.apply(done);

        assertThat(view.find(queued.id()).orElseThrow().placeholder()).isNull();
        assertThat(view.find(queued.id()).orElseThrow().result()).containsEntry("version", "1");
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
        CompletableFuture<Optional<Operation>> waiting = inBackground(() -> view.awaitMatch(queued.id(),
                snapshot -> true, Duration.ofMinutes(1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> view.subscriberCount() == 1);

        view.apply(Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target("cart", "staging"),
                Map.of(), Map.of("placeholder", true), "alice", "acme", null, now, now.plusSeconds(60), null));
        assertThat(waiting).isNotDone();

        view.apply(queued);
        assertThat(waiting.join()).contains(queued);
        await().atMost(Duration.ofSeconds(10)).until(() -> view.subscriberCount() == 0);
    }

    private static <T> CompletableFuture<T> inBackground(java.util.function.Supplier<T> wait) {
        return CompletableFuture.supplyAsync(wait, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    }
}
