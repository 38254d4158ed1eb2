package dev.lightdevops.worker.execution;

import static dev.lightdevops.worker.execution.EngineTestSupport.accept;
import static dev.lightdevops.worker.execution.EngineTestSupport.queued;
import static dev.lightdevops.worker.execution.EngineTestSupport.snapshotsOf;
import static dev.lightdevops.worker.execution.EngineTestSupport.terminalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.CancelRequest;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.common.testing.TopicProbe;
import dev.lightdevops.worker.WorkerApplication;
import dev.lightdevops.worker.WorkerProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The execution engine of one worker against a real broker: invariants 2, 3 and 5 of DESIGN §5, cancellation,
 * deadlines, retries and dead letters. Each test would fail if the mechanism it names were removed.
 */
class ExecutionEngineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static ConfigurableApplicationContext worker;
    private static ScriptedDeployTarget target;

    @BeforeAll
    static void startWorker() {
        worker = WorkerApplication.builder().sources(ScriptedDeployTarget.Wiring.class).run(
                "--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.group-id=engine-" + UUID.randomUUID(),
                "--spring.kafka.consumer.properties.max.poll.interval.ms=3000",
                "--devops.worker.engine.concurrency=4",
                "--devops.worker.engine.retry.max-attempts=3",
                "--devops.worker.engine.retry.initial-interval=50ms",
                "--devops.worker.engine.retry.max-interval=200ms",
                "--devops.worker.engine.retry.jitter=10ms");
        target = worker.getBean(ScriptedDeployTarget.class);
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @Test
    void operationsOnOneTargetRunOneAtATimeInAcceptanceOrder() {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accepted.add(accept(queued("serial", Map.of("version", "1." + i, "hold_ms", 300))).id());
        }

        await().atMost(PATIENCE).until(() -> accepted.stream().allMatch(id -> terminalOf(id).isPresent()));

        assertThat(target.maxConcurrent("serial@staging")).isEqualTo(1);
        assertThat(target.starts.stream().filter(accepted::contains).toList()).isEqualTo(accepted);
        for (int i = 1; i < accepted.size(); i++) {
            Operation previous = terminalOf(accepted.get(i - 1)).orElseThrow();
            Operation next = terminalOf(accepted.get(i)).orElseThrow();
            assertThat(next.startedAt()).isAfterOrEqualTo(previous.finishedAt());
        }
    }

    @Test
    void anotherTargetOnTheSamePartitionRunsWhileALongOperationHoldsItsTarget() {
        String blocking = "hold-" + UUID.randomUUID().toString().substring(0, 8);
        String other = otherServiceOnSamePartition(blocking);
        Operation longOne = accept(queued(blocking, Map.of("version", "1", "hold", "until_released")));
        Operation quickOne = accept(queued(other, Map.of("version", "2")));

        await().atMost(PATIENCE).until(() -> terminalOf(quickOne.id()).isPresent());

        assertThat(terminalOf(longOne.id())).isEmpty();
        assertThat(snapshotsOf(longOne.id())).extracting(Operation::status).contains(OperationStatus.RUNNING);
        target.release(longOne.id());
        await().atMost(PATIENCE).until(() -> terminalOf(longOne.id()).isPresent());
    }

    @Test
    void anOperationLongerThanTheMaxPollIntervalCausesNoRebalance() {
        PartitionHandOver handOver = worker.getBean(PartitionHandOver.class);
        int before = handOver.revocations();

        Operation slow = accept(queued("slow", Map.of("version", "1", "hold_ms", 6000)));
        await().atMost(PATIENCE).until(() -> terminalOf(slow.id()).isPresent());

        assertThat(terminalOf(slow.id()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(handOver.revocations()).isEqualTo(before);
    }

    @Test
    void aRedeliveredCommandForATerminalOperationIsNotExecutedAgain() {
        Operation done = queued("replayed", Map.of("version", "1"));
        Operation succeeded = done.running(1, null, Instant.now()).succeeded(Map.of("version", "1"), Instant.now());
        EngineTestSupport.send(Topics.STATUS, done.id(), ContractJson.write(succeeded));
        EngineTestSupport.send(Topics.COMMANDS, "replayed@staging",
                ContractJson.write(new dev.lightdevops.common.operation.Command("replayed@staging", done)));
        Operation marker = accept(queued("replayed", Map.of("version", "2")));

        await().atMost(PATIENCE).until(() -> terminalOf(marker.id()).isPresent());

        assertThat(target.starts).doesNotContain(done.id()).contains(marker.id());
        assertThat(snapshotsOf(done.id())).extracting(Operation::status).containsExactly(OperationStatus.SUCCEEDED);
    }

    @Test
    void aRunningOperationIsInterruptedByACancelRequestAndEndsCancelled() {
        Operation running = accept(queued("cancel", Map.of("version", "1", "hold", "until_released")));
        await().atMost(PATIENCE).until(() -> target.starts.contains(running.id()));

        EngineTestSupport.send(Topics.CONTROL, running.id(),
                ContractJson.write(new CancelRequest(running.id(), "bob", Instant.now())));

        await().atMost(PATIENCE).until(() -> terminalOf(running.id()).isPresent());
        Operation ended = terminalOf(running.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(ended.error().code()).isEqualTo("cancelled");
        // the terminal snapshot may be published before the interrupted target has recorded its interrupt
        await().atMost(PATIENCE).until(() -> target.interrupted.contains(running.id()));
    }

    @Test
    void aCancelRequestHeardJustBeforeTheRunRegistersStillStopsIt() {
        // The request arrives after the runner's first look (nothing registered yet to interrupt): simulated by a
        // CancelRequests that answers "not requested" to the first question only.
        CancelRequests heardJustAfterTheFirstLook = new CancelRequests(worker.getBean(RunningOperations.class),
                worker.getBean(EngineProperties.class), Clock.systemUTC()) {
            private final AtomicInteger asked = new AtomicInteger();

            @Override
            boolean isRequested(String operationId) {
                return asked.getAndIncrement() > 0;
            }
        };
        OperationRunner runner = new OperationRunner(
                List.copyOf(worker.getBeansOfType(OperationExecutor.class).values()),
                new OperationTriage(worker.getBean(StatusView.class), heardJustAfterTheFirstLook,
                        worker.getBean(EngineProperties.class), Clock.systemUTC()),
                worker.getBean(RunStatus.class), worker.getBean(RunningOperations.class),
                worker.getBean("deadlineTimers", ScheduledExecutorService.class),
                worker.getBean(EngineProperties.class), Clock.systemUTC());
        Operation raced = queued("cancel-race", Map.of("version", "1"));
        EngineTestSupport.send(Topics.STATUS, raced.id(), ContractJson.write(raced));

        runner.run(new Command(raced.target().key(), raced), new TopicPartition(Topics.COMMANDS, 0));

        assertThat(target.starts).doesNotContain(raced.id());
        await().atMost(PATIENCE).until(() -> terminalOf(raced.id()).isPresent());
        assertThat(terminalOf(raced.id()).orElseThrow().status()).isEqualTo(OperationStatus.CANCELLED);
    }

    @Test
    void aStartThatLandsAfterTheApisWithdrawalNeverRuns() {
        // The api could not confirm this acceptance and withdraws it. Its withdrawal lands after the
        // worker's decision to run (forced through the publisher: written just before the worker's start record).
        Operation withdrawn = queued("withdrawn", Map.of("version", "1"));
        Operation withdrawal = withdrawn.ended(new Outcome.Failed(
                new OperationError(Operation.NOT_ACCEPTED, "withdrawn by the api", true)), Instant.now());
        StatusPublisher withdrawnFirst = new StatusPublisher(worker.getBean(KafkaTemplate.class),
                worker.getBean(WorkerProperties.class)) {
            @Override
            java.util.concurrent.CompletableFuture<?> send(Operation snapshot) {
                if (snapshot.id().equals(withdrawn.id()) && snapshot.status() == OperationStatus.RUNNING) {
                    EngineTestSupport.send(Topics.STATUS, withdrawn.id(), ContractJson.write(withdrawal));
                }
                return super.send(snapshot);
            }
        };
        OperationRunner runner = runnerWith(withdrawnFirst);
        EngineTestSupport.send(Topics.STATUS, withdrawn.id(), ContractJson.write(withdrawn));

        runner.run(new Command(withdrawn.target().key(), withdrawn), new TopicPartition(Topics.COMMANDS, 0));

        assertThat(target.starts).doesNotContain(withdrawn.id());
        assertThat(snapshotsOf(withdrawn.id())).extracting(Operation::status).startsWith(OperationStatus.QUEUED,
                OperationStatus.FAILED, OperationStatus.RUNNING);
        // The late start is the operation's last record for a moment: the sweeper republishes the withdrawal over it.
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Operation> history = snapshotsOf(withdrawn.id());
            assertThat(history.get(history.size() - 1).withdrawsAcceptance()).isTrue();
        });
    }

    @Test
    void anEndKafkaDidNotAcknowledgeIsSentAgainAndTheDeployDoesNotRunTwice() {
        // drill-partition: the succeeded snapshot's acknowledgement was lost while a leader was cut off; the command,
        // retried, found a view still showing the run and ran the deploy again as attempt 2.
        Operation deploy = queued("end-unacknowledged", Map.of("version", "1"));
        AtomicInteger ends = new AtomicInteger();
        OperationRunner runner = runnerWith(new StatusPublisher(worker.getBean(KafkaTemplate.class),
                worker.getBean(WorkerProperties.class)) {
            @Override
            java.util.concurrent.CompletableFuture<?> send(Operation snapshot) {
                if (snapshot.id().equals(deploy.id()) && snapshot.status() == OperationStatus.SUCCEEDED
                        && ends.getAndIncrement() == 0) {
                    return java.util.concurrent.CompletableFuture.failedFuture(
                            new org.apache.kafka.common.errors.TimeoutException("the test's lost acknowledgement"));
                }
                return super.send(snapshot);
            }
        });
        EngineTestSupport.send(Topics.STATUS, deploy.id(), ContractJson.write(deploy));

        // As CommandListener does: a command whose snapshot Kafka did not acknowledge is run again.
        for (int tries = 0; tries < 3; tries++) {
            try {
                runner.run(new Command(deploy.target().key(), deploy), new TopicPartition(Topics.COMMANDS, 0));
                break;
            } catch (StatusPublisher.StatusNotPublishedException notPublished) {
                // tried again
            }
        }

        assertThat(target.starts.stream().filter(deploy.id()::equals)).hasSize(1);
        await().atMost(PATIENCE).until(() -> terminalOf(deploy.id())
                .filter(end -> end.status() == OperationStatus.SUCCEEDED).isPresent());
    }

    @Test
    void aStartAfterALostWorkerDoesNotRunWhenThatRunsEndCameFirst() {
        // A view that had not read the end of a run takes its worker for lost (a duplicate command, a view behind
        // while a leader moved): the end lands just before this worker's start, forced through the publisher.
        Operation deploy = queued("ended-unseen", Map.of("version", "1"));
        Operation firstRun = deploy.running(1, new dev.lightdevops.common.operation.Progress(0, "starting",
                "picked up by a worker"), Instant.now());
        Operation firstEnd = firstRun.succeeded(Map.of(), Instant.now());
        OperationRunner runner = runnerWith(new StatusPublisher(worker.getBean(KafkaTemplate.class),
                worker.getBean(WorkerProperties.class)) {
            @Override
            java.util.concurrent.CompletableFuture<?> send(Operation snapshot) {
                if (snapshot.id().equals(deploy.id()) && snapshot.status() == OperationStatus.RUNNING
                        && snapshot.attempt() == 2) {
                    EngineTestSupport.send(Topics.STATUS, deploy.id(), ContractJson.write(firstEnd));
                }
                return super.send(snapshot);
            }
        });
        EngineTestSupport.send(Topics.STATUS, deploy.id(), ContractJson.write(deploy));
        EngineTestSupport.send(Topics.STATUS, deploy.id(), ContractJson.write(firstRun));

        runner.run(new Command(deploy.target().key(), deploy), new TopicPartition(Topics.COMMANDS, 0));

        assertThat(target.starts).doesNotContain(deploy.id());
        assertThat(snapshotsOf(deploy.id())).extracting(Operation::status).containsSubsequence(
                OperationStatus.SUCCEEDED, OperationStatus.RUNNING);
    }

    private static OperationRunner runnerWith(StatusPublisher publisher) {
        return new OperationRunner(List.copyOf(worker.getBeansOfType(OperationExecutor.class).values()),
                worker.getBean(OperationTriage.class),
                new RunStatus(publisher, worker.getBean(StatusView.class), worker.getBean(FinishedAudit.class),
                        worker.getBean(DeadLetters.class),
                        worker.getBean("progressHandOff", java.util.concurrent.Executor.class),
                        worker.getBean(EngineProperties.class), Clock.systemUTC()),
                worker.getBean(RunningOperations.class),
                worker.getBean("deadlineTimers", ScheduledExecutorService.class),
                worker.getBean(EngineProperties.class), Clock.systemUTC());
    }

    @Test
    void aStartThatLandsBeforeTheApisWithdrawalRunsAndTheWithdrawalIsIgnored() {
        Operation raced = queued("withdrawn-late", Map.of("version", "1", "hold", "until_released"));
        Operation withdrawal = raced.ended(new Outcome.Failed(
                new OperationError(Operation.NOT_ACCEPTED, "withdrawn by the api", true)), Instant.now());
        accept(raced);
        await().atMost(PATIENCE).until(() -> target.starts.contains(raced.id()));

        EngineTestSupport.send(Topics.STATUS, raced.id(), ContractJson.write(withdrawal));
        target.release(raced.id());

        await().atMost(PATIENCE).until(() -> snapshotsOf(raced.id()).stream()
                .anyMatch(snapshot -> snapshot.status() == OperationStatus.SUCCEEDED));
        Operation rebuilt = null;
        for (Operation snapshot : snapshotsOf(raced.id())) {
            rebuilt = snapshot.supersedes(rebuilt) ? snapshot : rebuilt;
        }
        assertThat(rebuilt.status()).isEqualTo(OperationStatus.SUCCEEDED);
    }

    @Test
    void anOperationStillRunningAtItsDeadlineEndsTimedOut() {
        Operation late = accept(queued("deadline", Map.of("version", "1", "hold", "until_released"),
                Instant.now().plusSeconds(2)));

        await().atMost(PATIENCE).until(() -> terminalOf(late.id()).isPresent());

        Operation ended = terminalOf(late.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(OperationStatus.TIMED_OUT);
        assertThat(ended.error().code()).isEqualTo("deadline_exceeded");
        await().atMost(PATIENCE).until(() -> target.interrupted.contains(late.id()));
    }

    @Test
    void aCommandPastItsDeadlineIsNotStarted() {
        Operation expired = accept(queued("expired", Map.of("version", "1"), Instant.now().minusSeconds(1)));

        await().atMost(PATIENCE).until(() -> terminalOf(expired.id()).isPresent());

        assertThat(terminalOf(expired.id()).orElseThrow().status()).isEqualTo(OperationStatus.TIMED_OUT);
        assertThat(target.starts).doesNotContain(expired.id());
    }

    @Test
    void retryableFailuresAreRetriedUntilTheySucceed() {
        Operation flaky = accept(queued("flaky", Map.of("version", "1", "fail_times", 2)));

        await().atMost(PATIENCE).until(() -> terminalOf(flaky.id()).isPresent());

        Operation ended = terminalOf(flaky.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(ended.attempt()).isEqualTo(3);
        assertThat(snapshotsOf(flaky.id())).extracting(Operation::attempt).contains(1, 2, 3);
    }

    @Test
    void theLastRetryableFailureGoesToTheDeadLetterTopicAndEndsNotRetryable() {
        Operation broken = accept(queued("broken", Map.of("version", "1", "fail_times", 99)));

        await().atMost(PATIENCE).until(() -> terminalOf(broken.id()).isPresent());

        Operation ended = terminalOf(broken.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(ended.error().retryable()).isFalse();
        assertThat(ended.error().code()).isEqualTo("flaky");
        assertThat(ended.attempt()).isEqualTo(3);
        ConsumerRecord<String, byte[]> letter = TopicProbe.readAll(Topics.COMMANDS_DLT).stream()
                .filter(record -> broken.id().equals(header(record, DeadLetters.OPERATION_ID)))
                .findFirst().orElseThrow();
        assertThat(header(letter, DeadLetters.REASON_CODE)).isEqualTo("flaky");
        assertThat(header(letter, DeadLetters.REASON)).contains("scripted failure");
        assertThat(letter.key()).isEqualTo("broken@staging");
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        Operation rejected = accept(queued("rejected", Map.of("version", "1", "fail", "permanent")));

        await().atMost(PATIENCE).until(() -> terminalOf(rejected.id()).isPresent());

        Operation ended = terminalOf(rejected.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(ended.attempt()).isEqualTo(1);
    }

    @Test
    void anUnreadableCommandGoesToTheDeadLetterTopicAndDoesNotBlockItsTarget() {
        EngineTestSupport.send(Topics.COMMANDS, "garbled@staging", "{not json".getBytes(StandardCharsets.UTF_8));
        Operation after = accept(queued("garbled", Map.of("version", "1")));

        await().atMost(PATIENCE).until(() -> terminalOf(after.id()).isPresent());

        assertThat(TopicProbe.readAll(Topics.COMMANDS_DLT)).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo("garbled@staging");
            assertThat(header(record, DeadLetters.REASON_CODE)).isEqualTo("unreadable");
        });
    }

    private static String otherServiceOnSamePartition(String service) {
        int partition = EngineTestSupport.partitionOf(service + "@staging");
        for (int i = 0; ; i++) {
            String candidate = "peer-" + i + "-" + service;
            if (EngineTestSupport.partitionOf(candidate + "@staging") == partition) {
                return candidate;
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
