package dev.lightdevops.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.api.approvals.ApprovalDecisions;
import dev.lightdevops.api.approvals.ApprovalGate;
import dev.lightdevops.api.approvals.NotAwaitingApprovalException;
import dev.lightdevops.api.identity.AuditTrail;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Approval;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.operation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

/**
 * An acceptance whose sends Kafka did not confirm (the records may be written) is settled through the operation's
 * partition, so a caller is never told "not accepted" about an operation a worker runs; one awaiting approval
 * through its approval, so it is never told that about one someone approved. The lost
 * acknowledgement is forced through the producer seam: the command is written, its future fails; an unreachable
 * cluster through the same seam, as KafkaTemplate reports a record the producer refused before sending it.
 */
class AcceptanceSettlementTest {

    private static ConfigurableApplicationContext api;
    private static UnconfirmedCommands kafka;
    private static CommandPublisher publisher;
    private static OperationView view;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() {
        api = ApiTestContexts.start();
        kafka = new UnconfirmedCommands(api.getBean(ProducerFactory.class));
        view = api.getBean(OperationView.class);
        AcceptanceSettlement settlement = new AcceptanceSettlement(kafka, view, api.getBean(ConsumedPositions.class),
                api.getBean(OperationsProperties.class), Clock.systemUTC());
        publisher = new CommandPublisher(kafka, settlement, api.getBean(ApiProperties.class));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void anUnconfirmedAcceptanceIsAcceptedWhenAWorkersStartCameFirst() {
        Operation queued = queued("started-first");
        kafka.onCommandWritten = command -> kafka.send(Topics.STATUS, command.id(), ContractJson.write(
                command.running(1, new Progress(0, "starting", "picked up by a worker"), Instant.now()))).join();

        Operation answered = publisher.publish(queued, queued.target().key());

        assertThat(answered.id()).isEqualTo(queued.id());
        assertThat(answered.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(view.find(queued.id()).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);
    }

    @Test
    void anUnconfirmedAcceptanceNoWorkerStartedIsWithdrawnForGood() {
        Operation queued = queued("withdrawn");
        kafka.onCommandWritten = command -> { };

        assertThatThrownBy(() -> publisher.publish(queued, queued.target().key()))
                .isInstanceOf(CommandNotDurableException.class);

        assertThat(view.find(queued.id()).orElseThrow().withdrawsAcceptance()).isTrue();
        kafka.send(Topics.STATUS, queued.id(), ContractJson.write(queued.running(1, null, Instant.now()))).join();
        Operation late = queued.running(1, new Progress(5, "late", "a start after the withdrawal"), Instant.now());
        kafka.send(Topics.STATUS, queued.id(), ContractJson.write(late)).join();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> view.find(queued.id()).orElseThrow().withdrawsAcceptance());
    }

    @Test
    void whenEvenTheWithdrawalIsUnconfirmedTheCallerGetsTheIdAndTheOutcomeSettlesLater() {
        Operation queued = queued("unknown");
        kafka.onCommandWritten = command -> { };
        kafka.refuseWithdrawals = true;
        try {
            assertThatThrownBy(() -> publisher.publish(queued, queued.target().key()))
                    .isInstanceOfSatisfying(AcceptanceUnknownException.class, unknown -> {
                        assertThat(unknown.operationId()).isEqualTo(queued.id());
                        assertThat(unknown.getMessage()).contains("unknown", "before retrying", queued.id());
                    });
        } finally {
            kafka.refuseWithdrawals = false;
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> view.find(queued.id())
                .filter(Operation::withdrawsAcceptance).isPresent());
    }

    @Test
    void anAcceptanceKafkaNeitherConfirmsNorDeniesIsAnsweredWithinTheAnswerTimeoutAndSettledLater() {
        ApiProperties twoSecondAnswers = new ApiProperties(Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofMinutes(30), Duration.ofSeconds(1));
        CommandPublisher impatient = new CommandPublisher(kafka, new AcceptanceSettlement(kafka, view,
                api.getBean(ConsumedPositions.class), api.getBean(OperationsProperties.class), Clock.systemUTC()),
                twoSecondAnswers);
        Operation queued = queued("held");
        kafka.holdAcknowledgements = true;
        try {
            // Without the budget the call waits out publish-timeout (30 s), then the withdrawal's 5 + 5 s.
            String unknownId = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> catchUnknown(() -> impatient.publish(queued, queued.target().key())));
            assertThat(unknownId).isEqualTo(queued.id());
            assertThat(impatient.outcomeUnknown(queued.id())).as("settling in the background").isTrue();
        } finally {
            kafka.holdAcknowledgements = false;
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> view.find(queued.id())
                .filter(Operation::withdrawsAcceptance).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> !impatient.outcomeUnknown(queued.id()));
    }

    @Test
    void aSnapshotTheProducerRefusesBeforeSendingIsNotAcceptedAtOnceWithNeitherCommandNorWithdrawal() {
        Operation queued = queued("unreachable");
        kafka.refused.clear();
        kafka.unreachable = true;
        try {
            assertThatThrownBy(() -> publisher.publish(queued, queued.target().key()))
                    .isInstanceOf(CommandNotDurableException.class);
        } finally {
            kafka.unreachable = false;
        }

        assertThat(kafka.refused).as("nothing was written: no command, no withdrawal to wait for")
                .containsExactly(Topics.STATUS);
        assertThat(publisher.outcomeUnknown(queued.id())).isFalse();
        assertThat(view.find(queued.id())).isEmpty();
    }

    @Test
    void aReplayOfAnOperationLeftQueuedWithoutItsCommandPublishesTheCommand() {
        ProposedOperation request = request("orphaned");
        String id = IdempotencyKeys.operationId(ALICE.tenant(), ALICE.principal(), request.idempotencyKey(), 0);
        Instant now = Instant.now();
        // The api instance that accepted it was killed after its queued snapshot and before its command.
        Operation orphan = Operation.queued(id, OperationType.DEPLOY, request.target(), request.arguments(),
                Map.of("placeholder", true), ALICE.principal(), ALICE.tenant(), request.idempotencyKey(), now,
                now.plusSeconds(600), null);
        kafka.send(Topics.STATUS, id, ContractJson.write(orphan)).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> view.find(id).isPresent());
        kafka.loseAcknowledgements = false;
        try {
            Operation replayed = acceptance().accept(request, ALICE);

            assertThat(replayed.id()).isEqualTo(id);
            assertThat(kafka.commandsSent).as("a replayed id has its command").contains(id);
        } finally {
            kafka.loseAcknowledgements = true;
        }
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAfterAWithdrawalIsAcceptedAnew() {
        OperationAcceptance acceptance = acceptance();
        ProposedOperation request = new ProposedOperation("deploy_service", OperationType.DEPLOY,
                new Target("retried", "staging"), "retried@staging", Map.of("version", "1"),
                "Deploy of retried 1 to staging", "key-" + OperationIds.next(), null);
        Caller alice = new Caller("alice", "local", java.util.Set.of("Developer"),
                java.util.Set.of("deploy_staging", "read_operations"), false);
        kafka.onCommandWritten = command -> { };
        assertThatThrownBy(() -> acceptance.accept(request, alice)).isInstanceOf(CommandNotDurableException.class);

        kafka.loseAcknowledgements = false;
        try {
            Operation retried = acceptance.accept(request, alice);
            Operation again = acceptance.accept(request, alice);

            assertThat(retried.status()).isEqualTo(OperationStatus.QUEUED);
            assertThat(view.find(retried.id()).orElseThrow().withdrawsAcceptance()).isFalse();
            assertThat(again.id()).as("an accepted key replays its operation").isEqualTo(retried.id());
        } finally {
            kafka.loseAcknowledgements = true;
        }
    }

    @Test
    void anAwaitingApprovalSnapshotKafkaDidNotConfirmIsWithdrawnAndCanNeverBeApproved() {
        ProposedOperation request = productionDeploy("unconfirmed-approval");
        kafka.loseAwaitingSnapshots = true;
        try {
            assertThatThrownBy(() -> acceptance().accept(request, PRODUCTION_DEPLOYER))
                    .isInstanceOf(CommandNotDurableException.class);
        } finally {
            kafka.loseAwaitingSnapshots = false;
        }

        Operation withdrawn = view.all().stream().filter(operation -> operation.target() != null
                && "unconfirmed-approval".equals(operation.target().service())).findFirst().orElseThrow();
        assertThat(withdrawn.withdrawsAcceptance()).isTrue();
        assertThat(withdrawn.approval().decision()).isEqualTo(Approval.WITHDRAWN);
        assertThatThrownBy(() -> api.getBean(ApprovalDecisions.class).approve(withdrawn.id(), "too late",
                RELEASE_MANAGER, "approve_operation")).isInstanceOf(NotAwaitingApprovalException.class);
        assertThat(view.find(withdrawn.id()).orElseThrow().withdrawsAcceptance()).isTrue();
    }

    @Test
    void anUnconfirmedAwaitingSnapshotSomeoneApprovedMeanwhileWasAcceptedAfterAll() {
        ProposedOperation request = productionDeploy("approved-meanwhile");
        kafka.onAwaitingWritten = awaiting -> api.getBean(ApprovalDecisions.class).approve(awaiting.id(),
                "saw it land", RELEASE_MANAGER, "approve_operation");
        kafka.loseAwaitingSnapshots = true;
        Operation accepted;
        try {
            accepted = acceptance().accept(request, PRODUCTION_DEPLOYER);
        } finally {
            kafka.loseAwaitingSnapshots = false;
            kafka.onAwaitingWritten = awaiting -> { };
        }

        assertThat(accepted.status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(accepted.approval().decision()).isEqualTo(Approval.APPROVED);
        assertThat(accepted.approval().approvals()).extracting(Approval.Decision::principal).containsExactly("bob");
    }

    private static final Caller PRODUCTION_DEPLOYER = new Caller("alice", "local", java.util.Set.of("Developer"),
            java.util.Set.of("deploy_production", "read_operations"), false);
    private static final Caller RELEASE_MANAGER = new Caller("bob", "local", java.util.Set.of("Release_manager"),
            java.util.Set.of("approve_production", "read_operations"), false);

    private static ProposedOperation productionDeploy(String service) {
        return new ProposedOperation("deploy_service", OperationType.DEPLOY, new Target(service, "production"),
                service + "@production", Map.of("version", "1"),
                "Deploy of " + service + " 1 to production", null, null);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyWhileTheOutcomeIsUnknownIsNotToldAccepted() {
        OperationAcceptance acceptance = acceptance();
        ProposedOperation request = request("unsettled");
        kafka.onCommandWritten = command -> { };
        kafka.refuseWithdrawals = true;
        String unknownId;
        try {
            unknownId = catchUnknown(() -> acceptance.accept(request, ALICE));
            String queuedId = unknownId;
            await().atMost(Duration.ofSeconds(10)).until(() -> view.find(queuedId).isPresent());

            assertThat(catchUnknown(() -> acceptance.accept(request, ALICE)))
                    .as("the withdrawal may still win: a retry is not told accepted").isEqualTo(unknownId);
        } finally {
            kafka.refuseWithdrawals = false;
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> view.find(unknownId)
                .filter(Operation::withdrawsAcceptance).isPresent());
        kafka.loseAcknowledgements = false;
        try {
            Operation retried = acceptance.accept(request, ALICE);
            assertThat(retried.id()).as("settled as withdrawn: the key is accepted anew").isNotEqualTo(unknownId);
            assertThat(retried.status()).isEqualTo(OperationStatus.QUEUED);
        } finally {
            kafka.loseAcknowledgements = true;
        }
    }

    @Test
    void aRetryWhileTheOutcomeIsUnknownPublishesNothingAnewThoughTheViewNeverSawTheOperation() {
        OperationAcceptance acceptance = acceptance();
        ProposedOperation request = request("unseen");
        kafka.onCommandWritten = command -> { };
        kafka.refuseWithdrawals = true;
        kafka.loseQueuedSnapshots = true;
        try {
            String unknownId = catchUnknown(() -> acceptance.accept(request, ALICE));
            kafka.loseQueuedSnapshots = false;
            kafka.loseAcknowledgements = false;
            assertThat(view.find(unknownId)).isEmpty();

            assertThat(catchUnknown(() -> acceptance.accept(request, ALICE)))
                    .as("a second publish of the same id could still be ended by the pending withdrawal")
                    .isEqualTo(unknownId);
        } finally {
            kafka.refuseWithdrawals = false;
            kafka.loseQueuedSnapshots = false;
            kafka.loseAcknowledgements = true;
        }
    }

    private static final Caller ALICE = new Caller("alice", "local", java.util.Set.of("Developer"),
            java.util.Set.of("deploy_staging", "read_operations"), false);

    private static OperationAcceptance acceptance() {
        return new OperationAcceptance(publisher, view, api.getBean(ConsumedPositions.class),
                api.getBean(AuditTrail.class), api.getBean(OperationDeadlines.class),
                api.getBean(OperationsProperties.class), Clock.systemUTC(), api.getBean(ApprovalGate.class),
                api.getBean(ApiProperties.class));
    }

    private static ProposedOperation request(String service) {
        return new ProposedOperation("deploy_service", OperationType.DEPLOY, new Target(service, "staging"),
                service + "@staging", Map.of("version", "1"), "Deploy of " + service
                        + " 1 to staging", "key-" + OperationIds.next(), null);
    }

    private static String catchUnknown(Runnable call) {
        try {
            call.run();
        } catch (AcceptanceUnknownException unknown) {
            return unknown.operationId();
        }
        throw new AssertionError("expected outcome_unknown");
    }

    private static Operation queued(String service) {
        Instant now = Instant.now();
        return Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target(service, "staging"), Map.of(),
                Map.of("placeholder", true), "alice", "local", null, now, now.plusSeconds(600), null);
    }

    /**
     * Writes every command (and, when asked, every awaiting-approval snapshot) but answers its send with a timeout,
     * as a lost acknowledgement looks to the producer.
     */
    static final class UnconfirmedCommands extends KafkaTemplate<String, byte[]> {

        volatile Consumer<Operation> onCommandWritten = command -> { };
        volatile boolean refuseWithdrawals;
        volatile boolean loseAcknowledgements = true;
        volatile boolean loseAwaitingSnapshots;
        volatile Consumer<Operation> onAwaitingWritten = awaiting -> { };
        volatile boolean loseQueuedSnapshots;
        /** A leader that takes the records and answers nothing: every send's future stays pending. */
        volatile boolean holdAcknowledgements;
        /** Every broker unreachable: the producer refuses each record before it reaches its buffer. */
        volatile boolean unreachable;
        final java.util.List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.List<String> commandsSent = new java.util.concurrent.CopyOnWriteArrayList<>();

        UnconfirmedCommands(ProducerFactory<String, byte[]> factory) {
            super(factory);
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, byte[] data) {
            if (unreachable) {
                refused.add(topic);
                // What KafkaTemplate throws when the producer fails a record before buffering it (max.block.ms).
                throw new org.springframework.kafka.KafkaException("Send failed",
                        new TimeoutException("Topic " + topic + " not present in metadata after 5000 ms."));
            }
            if (holdAcknowledgements) {
                if (Topics.COMMANDS.equals(topic)) {
                    super.send(topic, key, data).join();
                }
                return new CompletableFuture<>();
            }
            if (Topics.COMMANDS.equals(topic)) {
                commandsSent.add(ContractJson.read(data, Command.class).operation().id());
            }
            if (Topics.COMMANDS.equals(topic) && loseAcknowledgements) {
                super.send(topic, key, data).join();
                onCommandWritten.accept(ContractJson.read(data, Command.class).operation());
                return CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s): the test's lost "
                        + "acknowledgement"));
            }
            Operation snapshot = Topics.STATUS.equals(topic) && data != null ? ContractJson.read(data, Operation.class)
                    : null;
            if (loseAwaitingSnapshots && snapshot != null && snapshot.status() == OperationStatus.AWAITING_APPROVAL
                    && snapshot.approval().approvals().isEmpty()) {
                super.send(topic, key, data).join();
                onAwaitingWritten.accept(snapshot);
                return CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s): the test's lost "
                        + "acknowledgement"));
            }
            if (loseQueuedSnapshots && Topics.STATUS.equals(topic) && data != null
                    && ContractJson.read(data, Operation.class).status() == OperationStatus.QUEUED) {
                return CompletableFuture.failedFuture(new TimeoutException("the test's lost queued snapshot"));
            }
            if (refuseWithdrawals && Topics.STATUS.equals(topic) && data != null
                    && ContractJson.read(data, Operation.class).withdrawsAcceptance()) {
                return CompletableFuture.failedFuture(new TimeoutException("the test's unreachable broker"));
            }
            return super.send(topic, key, data);
        }
    }
}
