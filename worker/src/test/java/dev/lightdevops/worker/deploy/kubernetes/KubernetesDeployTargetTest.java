package dev.lightdevops.worker.deploy.kubernetes;

import static dev.lightdevops.worker.deploy.kubernetes.TargetRuns.createObservedTopic;
import static dev.lightdevops.worker.deploy.kubernetes.TargetRuns.failureOf;
import static dev.lightdevops.worker.deploy.kubernetes.TargetRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.deployment.ObservedDeployment;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.worker.deploy.DeployFailedException;
import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.OnStop;
import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.TargetMapping;
import dev.lightdevops.worker.deploy.kubernetes.TargetRuns.Recorded;
import dev.lightdevops.worker.execution.RunningOperations;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The Kubernetes target against fabric8's API emulation, with the test playing the Deployment controller and kubelet
 * step by step: what is patched, what progress is reported at each step, how a rollout ends, and which error a
 * person gets when the cluster says no. Observations go to the real broker.
 */
class KubernetesDeployTargetTest {

    private static final String NAMESPACE = "staging";

    @TempDir
    static Path directory;
    private static MockCluster cluster;
    private static DeploymentControllerStandIn controller;
    private static ClusterConnections connections;
    private static KubernetesDeployTarget target;
    private static KafkaTemplate<String, byte[]> kafka;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new MockCluster();
        controller = new DeploymentControllerStandIn(cluster.client(), NAMESPACE);
        createObservedTopic();
        kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()));
        KubernetesProperties settings = settings(cluster.writeKubeconfig(directory).toString(), List.of(
                new TargetMapping("patched", null, null, null, null, null, """
                        [{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"{{image}}"},
                         {"op":"add","path":"/spec/template/metadata/labels/app.kubernetes.io~1version",
                          "value":"{{version}}"}]""", "json")));
        connections = new ClusterConnections(settings);
        target = target(settings, connections);
    }

    @AfterAll
    static void stopCluster() {
        connections.close();
        kafka.destroy();
        cluster.close();
    }

    @Test
    void aDeploySetsTheImageAndFollowsTheRolloutReportingEachStep() throws Exception {
        String name = unique("checkout");
        long generation = controller.create(name, name, "registry.example.com:5000/shop/" + name + ":1.0.0", 3)
                .getMetadata().getGeneration();
        Recorded progress = new Recorded();

        Future<Map<String, Object>> deploy = run(() -> target.deploy(TargetRuns.spec(name, NAMESPACE, "1.1.0"), progress));
        controller.observeNewTemplate(name, generation);
        progress.awaitMessage("0 out of 3 new replicas have been updated");
        controller.rollOut(name, 4, 1, 3, 3);
        progress.awaitMessage("1 out of 3 new replicas have been updated (3 desired, 1 updated, 3 ready, 3 available)");
        controller.rollOut(name, 3, 3, 2, 2);
        progress.awaitMessage("2 of 3 updated replicas are available");
        controller.rollOut(name, 3, 3, 3, 3);
        Map<String, Object> result = deploy.get(20, TimeUnit.SECONDS);

        assertThat(result).containsEntry("image", "registry.example.com:5000/shop/" + name + ":1.1.0")
                .containsEntry("previous_image", "registry.example.com:5000/shop/" + name + ":1.0.0")
                .containsEntry("namespace", NAMESPACE).containsEntry("revision", 2L).containsEntry("cluster", "mock");
        assertThat(progress.percents()).isSorted().last().isEqualTo(100);
        Deployment now = controller.get(name);
        assertThat(DeploymentControllerStandIn.images(now))
                .containsExactly("registry.example.com:5000/shop/" + name + ":1.1.0");
        assertThat(now.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .as("the rest of the template is left as it was").hasSize(1);
        assertThat(now.getMetadata().getAnnotations().get(DeploymentPatches.CHANGE_CAUSE))
                .startsWith("light-devops deploy 1.1.0 by alice (operation ");
        ObservedDeployment observed = TargetRuns.latestObservation(name + "@" + NAMESPACE);
        assertThat(observed.version()).isEqualTo("1.1.0");
        assertThat(observed.state()).isEqualTo(ObservedDeployment.STATE_AVAILABLE);
        assertThat(observed.replicas()).isEqualTo(new ObservedDeployment.Replicas(3, 3, 3, 3));
    }

    @Test
    void aRolloutPastItsProgressDeadlineFailsAndTellsWhatWasLiveBefore() throws Exception {
        String name = unique("cart");
        long generation = controller.create(name, name, "registry.example.com/shop/" + name + ":2.0.0", 2)
                .getMetadata().getGeneration();

        Future<Map<String, Object>> deploy = run(() -> target.deploy(TargetRuns.spec(name, NAMESPACE, "2.1.0"), new Recorded()));
        controller.observeNewTemplate(name, generation);
        controller.exceedProgressDeadline(name);

        DeployFailedException failure = failureOf(deploy);
        assertThat(failure.code()).isEqualTo("progress_deadline_exceeded");
        assertThat(failure.healthCheckFailed()).as("the Deployment was changed: a rollback repairs it").isTrue();
        assertThat(failure.versionLiveBefore()).hasValue("2.0.0");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("exceeded its progress deadline").contains(":2.1.0");
    }

    @Test
    void anImagePullFailureIsReportedInTheKubeletsWordsFromThePodsEvents() throws Exception {
        String name = unique("search");
        long generation = controller.create(name, name, "registry.example.com/shop/" + name + ":3.0.0", 1)
                .getMetadata().getGeneration();

        Future<Map<String, Object>> deploy = run(() -> target.deploy(TargetRuns.spec(name, NAMESPACE, "3.0.1"), new Recorded()));
        controller.observeNewTemplate(name, generation);
        String pod = name + "-new-imagepullbackoff";
        cluster.server().expect().get().withPath("/api/v1/namespaces/" + NAMESPACE + "/events?fieldSelector="
                        + "involvedObject.kind%3DPod%2CinvolvedObject.name%3D" + pod)
                .andReturn(200, new EventListBuilder().addToItems(new EventBuilder().withNewMetadata()
                        .withName(pod + ".1").endMetadata().withNewInvolvedObject().withKind("Pod").withName(pod)
                        .endInvolvedObject().withReason("Failed").withLastTimestamp("2026-12-01T08:31:02Z")
                        .withMessage("Failed to pull image \"registry.example.com/shop/" + name + ":3.0.1\": not found")
                        .build()).build()).always();
        controller.podWaiting(name, "ImagePullBackOff", "Back-off pulling image");

        DeployFailedException failure = failureOf(deploy);
        assertThat(failure.code()).isEqualTo("image_pull_failed");
        assertThat(failure.healthCheckFailed()).isTrue();
        assertThat(failure.getMessage()).contains("pod " + pod + " cannot pull image")
                .contains("pod event: Failed to pull image \"registry.example.com/shop/" + name + ":3.0.1\": not found");
    }

    @Test
    void anExceededQuotaFailsTheRolloutWithTheQuotasOwnMessage() throws Exception {
        String name = unique("payments");
        long generation = controller.create(name, name, "registry.example.com/shop/" + name + ":1.0.0", 2)
                .getMetadata().getGeneration();

        Future<Map<String, Object>> deploy = run(() -> target.deploy(TargetRuns.spec(name, NAMESPACE, "1.0.1"), new Recorded()));
        controller.observeNewTemplate(name, generation);
        controller.failReplicaCreation(name, "pods \"" + name + "-x\" is forbidden: exceeded quota: compute, "
                + "requested: limits.cpu=2, used: limits.cpu=8, limited: limits.cpu=8");

        DeployFailedException failure = failureOf(deploy);
        assertThat(failure.code()).isEqualTo("quota_exceeded");
        assertThat(failure.getMessage()).contains("resource quota refuses the new pods")
                .contains("exceeded quota: compute");
    }

    @Test
    void anUnknownDeploymentFailsAtOnceAndSaysHowToMapIt() {
        Future<Map<String, Object>> deploy = run(() -> target.deploy(TargetRuns.spec(unique("ghost"), NAMESPACE, "1.0.0"), new Recorded()));

        DeployFailedException failure = failureOf(deploy);
        assertThat(failure.code()).isEqualTo("deployment_not_found");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.healthCheckFailed()).isFalse();
        assertThat(failure.getMessage()).contains("in cluster mock").contains("devops.deploy.kubernetes.targets");
    }

    @Test
    void aPatchForbiddenByRbacNamesTheVerbAndResourceAndChangesNothing() {
        String name = unique("orders");
        controller.create(name, name, "registry.example.com/shop/" + name + ":1.0.0", 1);
        cluster.server().expect().patch().withPath("/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments/" + name)
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(
                        "deployments.apps \"" + name + "\" is forbidden: User \"system:serviceaccount:ops:light-devops\""
                                + " cannot patch resource \"deployments\" in API group \"apps\" in the namespace "
                                + "\"staging\"").build()).once();

        DeployFailedException failure = failureOf(run(() -> target.deploy(TargetRuns.spec(name, NAMESPACE, "1.0.1"), new Recorded())));

        assertThat(failure.code()).isEqualTo("kubernetes_forbidden");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("does not allow the worker to patch deployments.apps in namespace "
                + "staging").contains("cannot patch resource \"deployments\"").contains("docs/integrations.md");
        assertThat(DeploymentControllerStandIn.images(controller.get(name))).containsExactly(
                "registry.example.com/shop/" + name + ":1.0.0");
    }

    @Test
    void anApiServerThatDoesNotAnswerIsARetryableFailure() {
        KubernetesProperties settings = settings(MockCluster.writeKubeconfig(directory, "http://127.0.0.1:18499")
                .toString(), List.of());
        try (ClusterConnections unreachable = new ClusterConnections(settings)) {
            KubernetesDeployTarget cut = target(settings, unreachable);

            DeployFailedException failure = failureOf(run(() -> cut.deploy(TargetRuns.spec("cart", NAMESPACE, "1.0.0"), new Recorded())));

            assertThat(failure.code()).isEqualTo("kubernetes_unreachable");
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.getMessage()).contains("http://127.0.0.1:18499");
        }
    }

    @Test
    void aRollbackRestoresTheWholeTemplateOfTheRevisionThatRanTheVersion() throws Exception {
        String name = unique("catalog");
        Deployment first = controller.create(name, name, "registry.example.com/shop/" + name + ":1.0.0", 2);
        cluster.client().apps().deployments().inNamespace(NAMESPACE).withName(name).edit(deployment -> {
            var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            container.setImage("registry.example.com/shop/" + name + ":1.1.0");
            container.getEnv().get(0).setValue("revision-2");
            return deployment;
        });
        controller.observeNewTemplate(name, first.getMetadata().getGeneration());
        long generation = controller.rollOut(name, 2, 2, 2, 2).getMetadata().getGeneration();
        Recorded progress = new Recorded();

        Future<Map<String, Object>> rollback = run(() -> target.rollback(TargetRuns.spec(name, NAMESPACE, "1.0.0"), progress));
        controller.observeNewTemplate(name, generation);
        controller.rollOut(name, 2, 2, 2, 2);

        assertThat(rollback.get(20, TimeUnit.SECONDS)).containsEntry("change",
                "restore the pod template of revision 1").containsEntry("revision", 3L);
        var restored = controller.get(name).getSpec().getTemplate();
        assertThat(restored.getSpec().getContainers().get(0).getImage()).endsWith(":1.0.0");
        assertThat(restored.getSpec().getContainers().get(0).getEnv().get(0).getValue()).isEqualTo("revision-1");
        assertThat(restored.getMetadata().getLabels()).doesNotContainKey(DeploymentPatches.POD_TEMPLATE_HASH);
    }

    @Test
    void aConfiguredPatchIsAppliedWithItsPlaceholdersFilledIn() throws Exception {
        long generation = controller.create("patched", "patched", "registry.example.com/shop/patched:1.0.0", 1)
                .getMetadata().getGeneration();

        Future<Map<String, Object>> deploy = run(() -> target.deploy(TargetRuns.spec("patched", NAMESPACE, "1.2.0"), new Recorded()));
        controller.observeNewTemplate("patched", generation);
        controller.rollOut("patched", 1, 1, 1, 1);
        deploy.get(20, TimeUnit.SECONDS);

        Deployment now = controller.get("patched");
        assertThat(now.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/version", "1.2.0");
        assertThat(DeploymentControllerStandIn.images(now)).containsExactly("registry.example.com/shop/patched:1.2.0");
        assertThat(now.getMetadata().getAnnotations()).containsKey(DeploymentPatches.CHANGE_CAUSE);
    }

    @Test
    void aVersionThatCannotBeAnImageTagIsRefusedBeforeAnythingChanges() {
        String name = unique("media");
        controller.create(name, name, "registry.example.com/shop/" + name + ":1.0.0", 1);

        DeployFailedException failure = failureOf(run(() -> target.deploy(TargetRuns.spec(name, NAMESPACE, "1.0.1+build.7"),
                new Recorded())));

        assertThat(failure.code()).isEqualTo("invalid_image_tag");
        assertThat(controller.get(name).getMetadata().getGeneration()).isEqualTo(1L);
    }

    private static KubernetesProperties settings(String kubeconfig, List<TargetMapping> targets) {
        return new KubernetesProperties(kubeconfig, null, Duration.ofMillis(20), Duration.ZERO,
                Duration.ofMillis(500), OnStop.STOP, OnStop.STOP, Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofSeconds(1), 0, Map.of(), targets);
    }

    private static KubernetesDeployTarget target(KubernetesProperties settings, ClusterConnections connections) {
        return new KubernetesDeployTarget(new KubernetesTargets(settings), connections,
                new DeploymentPatches(new KubernetesSerialization()), new RolloutFollower(settings, Clock.systemUTC()),
                new ClusterObservations(kafka, Clock.systemUTC()), new RunningOperations(), settings);
    }

    private static String unique(String service) {
        return service + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
