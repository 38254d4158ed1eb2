package dev.lightdevops.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.common.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A worker on the real broker: it consumes a deploy command and publishes its snapshots to ops.status, and what it
 * logs has its secrets masked (the worker holds the Datadog keys).
 */
@ExtendWith(OutputCaptureExtension.class)
class SimulatedDeployTest {

    private static ConfigurableApplicationContext worker;

    @BeforeAll
    static void startWorker() {
        worker = WorkerApplication.builder().run("--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.simulated-stage-duration=50ms");
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @Test
    void deployCommandRunsThroughItsStagesToSucceeded() throws Exception {
        Instant now = Instant.now();
        Operation queued = Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target("cart", "staging"),
                Map.of("service", "cart", "version", "5.0.1", "environment", "staging"), Map.of("placeholder", true),
                "alice", "acme", null, now, now.plusSeconds(600), null);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, "cart@staging",
                    ContractJson.write(new Command("cart@staging", queued)))).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> snapshotsOf(queued.id()).stream()
                .anyMatch(Operation::isTerminal));

        List<Operation> snapshots = snapshotsOf(queued.id());
        assertThat(snapshots).extracting(Operation::status).startsWith(OperationStatus.RUNNING)
                .endsWith(OperationStatus.SUCCEEDED);
        // Progress is coalesced (the newest waiting step wins), so the topic shows the stages in rollout order, maybe
        // not every one of them.
        List<String> rollout = List.of("starting", "validate", "pull_image", "rolling_update", "health_check",
                "traffic_shift", "done");
        List<Integer> order = snapshots.stream().map(snapshot -> rollout.indexOf(snapshot.progress().stage()))
                .toList();
        assertThat(order).doesNotContain(-1).isSorted();
        assertThat(snapshots).extracting(snapshot -> snapshot.progress().stage()).contains("validate");
        Operation done = snapshots.get(snapshots.size() - 1);
        assertThat(done.result()).containsEntry("version", "5.0.1");
        assertThat(done.requestedBy()).isEqualTo("alice");
        assertThat(done.finishedAt()).isNotNull();
    }

    @Test
    void aDatadogKeyInALogLineIsRedacted(CapturedOutput output) {
        String key = "a1b2c3d4e5f6" + Long.toHexString(System.nanoTime());

        LoggerFactory.getLogger(WorkerApplication.class).warn("Datadog refused DD-API-KEY: {} (api_key={})", key, key);

        assertThat(output.getAll()).contains("Datadog refused DD-API-KEY: [REDACTED]").doesNotContain(key);
    }

    private static List<Operation> snapshotsOf(String id) {
        return TopicProbe.readAll(Topics.STATUS).stream()
                .filter(record -> id.equals(record.key()))
                .map(record -> ContractJson.read(record.value(), Operation.class))
                .toList();
    }
}
