package dev.lightdevops.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.operation.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The write order of one run's snapshots, with the producer's acknowledgements held back by the test (the send
 * function is the seam; what it returns completes when the test says so): progress is coalesced, at most one in
 * flight and the newest waiting one wins, and nothing waiting is sent after an acknowledged snapshot.
 */
class OperationSnapshotsTest {

    private final List<Operation> sent = new ArrayList<>();
    private final List<CompletableFuture<Object>> acks = new ArrayList<>();
    private final OperationSnapshots snapshots = new OperationSnapshots(snapshot -> {
        sent.add(snapshot);
        CompletableFuture<Object> ack = new CompletableFuture<>();
        acks.add(ack);
        return ack;
    }, Runnable::run);
    private final Operation queued = Operation.queued(OperationIds.next(), OperationType.DEPLOY,
            new Target("svc", "staging"), Map.of(), Map.of(), "alice", "acme", null, Instant.now(),
            Instant.now().plusSeconds(60), null);

    @Test
    void progressWhileOneIsInFlightWaitsAndOnlyTheNewestIsSentNext() {
        snapshots.progress(step(10));
        snapshots.progress(step(20));
        snapshots.progress(step(30));

        assertThat(percents()).containsExactly(10);
        acks.getFirst().complete(null);
        assertThat(percents()).containsExactly(10, 30);
        acks.get(1).complete(null);
        snapshots.progress(step(40));
        assertThat(percents()).containsExactly(10, 30, 40);
    }

    @Test
    void progressWaitingWhenTheTerminalSnapshotIsSentIsNeverSent() {
        snapshots.progress(step(10));
        snapshots.progress(step(20));

        snapshots.close();
        snapshots.acknowledged(queued.succeeded(Map.of(), Instant.now()));
        acks.getFirst().complete(null);
        snapshots.progress(step(30));

        assertThat(sent).extracting(snapshot -> snapshot.status().wireName())
                .containsExactly("running", "succeeded");
    }

    @Test
    void aFailedProgressSendDoesNotStopTheNextOne() {
        snapshots.progress(step(10));
        snapshots.progress(step(20));

        acks.getFirst().completeExceptionally(new IllegalStateException("broker away"));

        assertThat(percents()).containsExactly(10, 20);
    }

    private Operation step(int percent) {
        return queued.running(1, new Progress(percent, "stage", ""), Instant.now());
    }

    private List<Integer> percents() {
        return sent.stream().map(snapshot -> snapshot.progress().percent()).toList();
    }
}
