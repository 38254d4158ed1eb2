package dev.lightdevops.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.deployment.DeploymentLedger;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.worker.WorkerProperties;
import dev.lightdevops.worker.execution.OperationFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deploy reads what is live from a ledger on the real broker that cannot catch up yet (as while its partition's
 * leader moves: here the ledger's reader has not started): the read waits for it instead of failing the attempt, and
 * fails (retryable) only once the operation's deadline has passed.
 */
class DeploymentRecorderTest {

    private static final Duration CATCH_UP = Duration.ofMillis(200);

    @BeforeAll
    static void deploymentsTopic() throws Exception {
        // The contract's partition count (devops.kafka.partitions' default), so that an app provisioning the topics
        // later in this JVM finds it as it would have made it.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.DEPLOYMENTS, 12, (short) 1))).all().get();
        } catch (ExecutionException exists) {
            if (!(exists.getCause() instanceof TopicExistsException)) {
                throw exists;
            }
        }
    }

    @Test
    void aLedgerThatCannotCatchUpIsWaitedForWithoutFailingTheAttempt() throws Exception {
        Target target = new Target("recorder-" + UUID.randomUUID(), "staging");
        liveOn(target, "4.2.0");
        CountedLedger ledger = new CountedLedger();
        Instant now = Instant.now();
        DeploymentRecorder recorder = recorder(ledger, Clock.fixed(now, ZoneOffset.UTC));
        try {
            CompletableFuture<Deployment> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return recorder.current(deploy(target, now.plusSeconds(300)));
                } catch (InterruptedException interrupted) {
                    throw new IllegalStateException(interrupted);
                }
            }, runnable -> Thread.ofVirtual().start(runnable));
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.waits.get() >= 2 || read.isDone());
            ledger.start();

            assertThat(read.get(60, TimeUnit.SECONDS).liveVersion()).isEqualTo("4.2.0");
            assertThat(ledger.waits.get()).isGreaterThanOrEqualTo(2);
        } finally {
            ledger.stop();
        }
    }

    @Test
    void aLedgerStillBehindAtTheDeadlineFailsTheAttemptRetryably() {
        Target target = new Target("recorder-" + UUID.randomUUID(), "staging");
        liveOn(target, "4.2.0");
        CountedLedger ledger = new CountedLedger();
        Instant deadline = Instant.now();
        DeploymentRecorder recorder = recorder(ledger, Clock.fixed(deadline.plusMillis(1), ZoneOffset.UTC));
        try {
            assertThatThrownBy(() -> recorder.current(deploy(target, deadline)))
                    .isInstanceOfSatisfying(OperationFailedException.class, failure -> {
                        assertThat(failure.code()).isEqualTo("deployments_view_unavailable");
                        assertThat(failure.retryable()).isTrue();
                    });
            assertThat(ledger.waits.get()).isEqualTo(1);
        } finally {
            ledger.stop();
        }
    }

    private static DeploymentRecorder recorder(DeploymentLedger ledger, Clock clock) {
        DeployProperties deploy = new DeployProperties("simulated", CATCH_UP, null, null);
        return new DeploymentRecorder(ledger, null, deploy,
                new WorkerProperties(Duration.ofSeconds(10), Duration.ofMillis(1)), clock);
    }

    private static Operation deploy(Target target, Instant deadline) {
        return Operation.queued(UUID.randomUUID().toString(), OperationType.DEPLOY, target,
                Map.of("version", "5.0.0"), Map.of(), "alice", "acme", null, Instant.now(), deadline, null);
    }

    /** A record on ops.deployments the ledger has not read: what another worker wrote before this deploy. */
    private static void liveOn(Target target, String version) {
        Deployment live = Deployment.none(target.service(), target.environment()).after(new DeploymentEvent("deploy",
                version, DeploymentEvent.LIVE, "op-1", "first", "simulated", "alice", "worker-a", Instant.now()));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENTS, live.key(), ContractJson.write(live))).get();
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** The real ledger on the real broker, counting how often a read waited for it. */
    private static final class CountedLedger extends DeploymentLedger {

        final AtomicInteger waits = new AtomicInteger();

        CountedLedger() {
            super(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()));
        }

        @Override
        public void awaitCaughtUp(String key, Duration timeout) throws InterruptedException, TimeoutException {
            waits.incrementAndGet();
            super.awaitCaughtUp(key, timeout);
        }
    }
}
