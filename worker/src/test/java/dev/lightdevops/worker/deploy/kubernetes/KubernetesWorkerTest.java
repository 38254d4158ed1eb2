package dev.lightdevops.worker.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.deployment.ObservedDeployment;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.CancelRequest;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.common.testing.TopicProbe;
import dev.lightdevops.worker.WorkerCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real worker with {@code DEPLOY_TARGET=kubernetes} on the real broker, its kubeconfig pointing at fabric8's API
 * emulation, while the test plays the Deployment controller: deploy commands go in as the api sends them, and what
 * comes out is checked on the topics (progress and terminal snapshots, the ledger, the observations) and in the
 * cluster (what the Deployment's template runs).
 */
class KubernetesWorkerTest {

    private static final String ENVIRONMENT = "staging";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path directory;
    private static MockCluster cluster;
    private static DeploymentControllerStandIn controller;
    private static ConfigurableApplicationContext worker;

    @BeforeAll
    static void startWorker() {
        cluster = new MockCluster();
        controller = new DeploymentControllerStandIn(cluster.client(), ENVIRONMENT);
        worker = WorkerCommands.startWorker("--devops.deploy.target=kubernetes",
                "--devops.deploy.kubernetes.kubeconfig=" + cluster.writeKubeconfig(directory),
                "--devops.deploy.kubernetes.poll-interval=50ms",
                "--devops.deploy.kubernetes.failure-grace=0s",
                "--devops.deploy.kubernetes.on-cancel=rollback",
                "--devops.deploy.kubernetes.observe-interval=0s",
                "--devops.deploy.kubernetes.request-retries=0",
                "--server.port=0");
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
        cluster.close();
    }

    @Test
    void aDeploySucceedsWithTheRolloutsRealProgressAndIsRecordedAndObserved() {
        String service = unique("checkout");
        long generation = controller.create(service, service, image(service, "1.0.0"), 3).getMetadata()
                .getGeneration();

        Operation deploy = WorkerCommands.send(OperationType.DEPLOY, target(service), Map.of("version", "1.1.0",
                "reason", "end-to-end test"));
        controller.observeNewTemplate(service, generation);
        awaitProgress(deploy, "0 out of 3 new replicas have been updated");
        controller.rollOut(service, 4, 2, 3, 3);
        awaitProgress(deploy, "2 out of 3 new replicas have been updated");
        controller.rollOut(service, 3, 3, 3, 3);
        Operation done = WorkerCommands.awaitTerminal(deploy.id());

        assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(done.result()).containsEntry("target", "kubernetes").containsEntry("image", image(service, "1.1.0"))
                .containsEntry("revision", 2);
        assertThat(WorkerCommands.snapshotsOf(deploy.id())).extracting(Operation::progress)
                .anySatisfy(progress -> assertThat(progress.stage()).isEqualTo("updating"));
        Deployment ledger = ledgerOf(service).orElseThrow();
        assertThat(ledger.liveVersion()).isEqualTo("1.1.0");
        assertThat(ledger.history().get(0).via()).isEqualTo("kubernetes");
        ObservedDeployment observed = await().atMost(PATIENCE).until(() -> observationOf(service),
                found -> found.map(o -> "1.1.0".equals(o.version())).orElse(false)).orElseThrow();
        assertThat(observed.state()).isEqualTo(ObservedDeployment.STATE_AVAILABLE);
        assertThat(observed.cluster()).isEqualTo("mock");
    }

    @Test
    void aFailedRolloutWithAutoRollbackReturnsTheClusterToTheVersionLiveBefore() {
        String service = unique("cart");
        long generation = controller.create(service, service, image(service, "2.0.0"), 2).getMetadata()
                .getGeneration();

        Operation deploy = WorkerCommands.send(OperationType.DEPLOY, target(service), Map.of("version", "2.1.0",
                "auto_rollback", true));
        controller.observeNewTemplate(service, generation);
        long patched = controller.exceedProgressDeadline(service).getMetadata().getGeneration();
        controller.observeNewTemplate(service, patched);
        controller.rollOut(service, 2, 2, 2, 2);
        Operation done = WorkerCommands.awaitTerminal(deploy.id());

        assertThat(done.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(done.error().code()).isEqualTo("progress_deadline_exceeded");
        assertThat(done.error().message()).contains("rolled back automatically to 2.0.0");
        assertThat(DeploymentControllerStandIn.images(controller.get(service))).containsExactly(image(service, "2.0.0"));
        assertThat(ledgerOf(service).orElseThrow().history()).extracting(DeploymentEvent::kind, DeploymentEvent::version,
                DeploymentEvent::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("auto_rollback", "2.0.0", DeploymentEvent.LIVE),
                        org.assertj.core.groups.Tuple.tuple("deploy", "2.1.0", DeploymentEvent.FAILED));
    }

    @Test
    void aFailedRolloutLeftInPlaceIsUndoneByARollbackToTheVersionLiveBeforeIt() {
        String service = unique("search");
        long generation = controller.create(service, service, image(service, "3.0.0"), 1).getMetadata()
                .getGeneration();
        Operation first = WorkerCommands.send(OperationType.DEPLOY, target(service), Map.of("version", "3.1.0"));
        generation = controller.observeNewTemplate(service, generation).getMetadata().getGeneration();
        long afterFirst = controller.rollOut(service, 1, 1, 1, 1).getMetadata().getGeneration();
        assertThat(WorkerCommands.awaitTerminal(first.id()).status()).isEqualTo(OperationStatus.SUCCEEDED);

        Operation broken = WorkerCommands.send(OperationType.DEPLOY, target(service), Map.of("version", "3.2.0"));
        controller.observeNewTemplate(service, afterFirst);
        long left = controller.exceedProgressDeadline(service).getMetadata().getGeneration();
        assertThat(WorkerCommands.awaitTerminal(broken.id()).error().code()).isEqualTo("progress_deadline_exceeded");
        assertThat(DeploymentControllerStandIn.images(controller.get(service))).containsExactly(image(service, "3.2.0"));

        Operation rollback = WorkerCommands.send(OperationType.ROLLBACK, target(service), Map.of("reason",
                "3.2.0 never became available"));
        controller.observeNewTemplate(service, left);
        controller.rollOut(service, 1, 1, 1, 1);
        Operation undone = WorkerCommands.awaitTerminal(rollback.id());

        assertThat(undone.status()).as(String.valueOf(undone.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(undone.result()).containsEntry("version", "3.1.0").containsEntry("rolled_back_from", "3.2.0");
        assertThat(DeploymentControllerStandIn.images(controller.get(service))).containsExactly(image(service, "3.1.0"));
    }

    @Test
    void aCancelledDeployStopsFollowingAndRestoresTheTemplateItReplaced() {
        String service = unique("orders");
        long generation = controller.create(service, service, image(service, "4.0.0"), 2).getMetadata()
                .getGeneration();

        Operation deploy = WorkerCommands.send(OperationType.DEPLOY, target(service), Map.of("version", "4.1.0"));
        controller.observeNewTemplate(service, generation);
        awaitProgress(deploy, "0 out of 2 new replicas have been updated");
        send(Topics.CONTROL, deploy.id(), ContractJson.write(new CancelRequest(deploy.id(), "bob", Instant.now())));
        Operation done = WorkerCommands.awaitTerminal(deploy.id());

        assertThat(done.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(DeploymentControllerStandIn.images(controller.get(service))).containsExactly(image(service, "4.0.0"));
        assertThat(controller.get(service).getMetadata().getAnnotations().get(DeploymentPatches.CHANGE_CAUSE))
                .startsWith("light-devops stopped deploy 4.1.0");
    }

    private static void awaitProgress(Operation operation, String message) {
        await().atMost(PATIENCE).until(() -> WorkerCommands.snapshotsOf(operation.id()).stream()
                .anyMatch(snapshot -> snapshot.progress() != null && snapshot.progress().message().contains(message)));
    }

    private static Optional<Deployment> ledgerOf(String service) {
        return latest(Topics.DEPLOYMENTS, service).map(value -> ContractJson.read(value, Deployment.class));
    }

    private static Optional<ObservedDeployment> observationOf(String service) {
        return latest(Topics.OBSERVED_DEPLOYMENTS, service)
                .map(value -> ContractJson.read(value, ObservedDeployment.class));
    }

    private static Optional<byte[]> latest(String topic, String service) {
        List<byte[]> values = TopicProbe.readAll(topic).stream()
                .filter(record -> (service + "@" + ENVIRONMENT).equals(record.key()))
                .map(record -> record.value()).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    private static void send(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static Target target(String service) {
        return new Target(service, ENVIRONMENT);
    }

    private static String image(String service, String version) {
        return "registry.example.com/shop/" + service + ":" + version;
    }

    private static String unique(String service) {
        return service + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
