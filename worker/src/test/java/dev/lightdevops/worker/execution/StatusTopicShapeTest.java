package dev.lightdevops.worker.execution;

import static dev.lightdevops.worker.execution.EngineTestSupport.accept;
import static dev.lightdevops.worker.execution.EngineTestSupport.queued;
import static dev.lightdevops.worker.execution.EngineTestSupport.terminalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.common.testing.TopicProbe;
import dev.lightdevops.worker.WorkerApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The shape compaction leaves of {@code ops.status}, against a real broker and a running worker. A view rebuilt from the compacted
 * {@code ops.status} sees only the last record per operation ({@link #rebuiltView()} keeps exactly that, which is
 * what compaction leaves), so that last record must be the state every live view shows: the first terminal
 * snapshot. And no operation stays queued past its deadline because nobody ran it. Each test fails without the
 * {@link OperationSweeper}: the stale record stays last, the queued operation stays queued.
 */
class StatusTopicShapeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static ConfigurableApplicationContext worker;
    private static ScriptedDeployTarget target;

    @BeforeAll
    static void startWorker() {
        worker = WorkerApplication.builder().sources(ScriptedDeployTarget.Wiring.class).run(
                "--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.group-id=shape-" + UUID.randomUUID(),
                "--devops.worker.engine.sweep-interval=200ms",
                "--devops.worker.engine.sweep-grace=0s");
        target = worker.getBean(ScriptedDeployTarget.class);
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @Test
    void anApiCancelledLandingAfterTheWorkersSucceededIsNotTheLastRecord() {
        Operation queued = accept(queued("late-cancel", Map.of("version", "1")));
        await().atMost(PATIENCE).until(() -> terminalOf(queued.id()).isPresent());

        send(queued.ended(new Outcome.Cancelled(new OperationError("cancelled", "too late", false)),
                Instant.now()));

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(rebuiltView().get(queued.id()).status()).isEqualTo(OperationStatus.SUCCEEDED));
        assertThat(rebuiltView().get(queued.id())).isEqualTo(terminalOf(queued.id()).orElseThrow());
    }

    @Test
    void aSecondIdempotentQueuedLandingAfterTheEndIsNotTheLastRecord() {
        Operation queued = accept(queued("late-queued", Map.of("version", "1")));
        await().atMost(PATIENCE).until(() -> terminalOf(queued.id()).isPresent());

        send(queued); // the other api instance's "queued" of the same derived id, late

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(rebuiltView().get(queued.id()).status()).isEqualTo(OperationStatus.SUCCEEDED));
    }

    @Test
    void aWorkersTerminalSnapshotLandingAfterAnApiCancelledLeavesTheCancelledLast() {
        Operation queued = accept(queued("cancel-first", Map.of("version", "1", "hold", "until_released")));
        await().atMost(PATIENCE).until(() -> target.starts.contains(queued.id()));
        // The api saw it queued and ended it; the worker, not told (no cancel request), finishes after that.
        send(queued.ended(new Outcome.Cancelled(new OperationError("cancelled", "by bob", false)),
                Instant.now()));
        target.release(queued.id());

        await().atMost(PATIENCE).until(() -> EngineTestSupport.snapshotsOf(queued.id()).stream()
                .anyMatch(snapshot -> snapshot.status() == OperationStatus.SUCCEEDED));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(rebuiltView().get(queued.id()).status()).isEqualTo(OperationStatus.CANCELLED));
    }

    @Test
    void anOperationLeftQueuedPastItsDeadlineIsEndedTimedOut() {
        // A queued snapshot whose command no worker will ever run (skipped, lost, never written).
        Operation abandoned = queued("abandoned", Map.of("version", "1"), Instant.now().minusSeconds(1));
        send(abandoned);

        await().atMost(PATIENCE).until(() -> terminalOf(abandoned.id()).isPresent());

        Operation ended = terminalOf(abandoned.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(OperationStatus.TIMED_OUT);
        assertThat(ended.error().code()).isEqualTo("deadline_exceeded");
        assertThat(ended.error().message()).contains("still queued at its deadline", "no worker started it");
        assertThat(target.starts).doesNotContain(abandoned.id());
    }

    @Test
    void aQueuedOperationBeforeItsDeadlineIsLeftAlone() {
        Operation waiting = queued("not-yet", Map.of("version", "1"), Instant.now().plusSeconds(300));
        send(waiting);
        await().atMost(PATIENCE).until(() -> worker.getBean(StatusView.class).find(waiting.id()).isPresent());
        Operation later = queued("not-yet-marker", Map.of("version", "1"), Instant.now().minusSeconds(1));
        send(later);

        await().atMost(PATIENCE).until(() -> terminalOf(later.id()).isPresent());

        assertThat(terminalOf(waiting.id())).isEmpty();
    }

    /** The last record of every operation: what a view rebuilt after compaction sees. */
    private static Map<String, Operation> rebuiltView() {
        Map<String, Operation> last = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicProbe.readAll(Topics.STATUS)) {
            if (record.value() == null) {
                last.remove(record.key());
            } else {
                last.put(record.key(), ContractJson.read(record.value(), Operation.class));
            }
        }
        return last;
    }

    private static void send(Operation snapshot) {
        EngineTestSupport.send(Topics.STATUS, snapshot.id(), ContractJson.write(snapshot));
    }
}
