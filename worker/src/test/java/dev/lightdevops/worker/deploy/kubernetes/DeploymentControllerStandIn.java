package dev.lightdevops.worker.deploy.kubernetes;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plays, against fabric8's mock API server, the parts of a cluster the worker watches: the Deployment controller
 * (a ReplicaSet per revision, the Deployment's status and conditions) and the kubelet (pods and their container
 * states). It moves one step when the test says so, so a test can check what the worker reported at each step.
 */
final class DeploymentControllerStandIn {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final KubernetesClient client;
    private final String namespace;

    DeploymentControllerStandIn(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** A Deployment rolled out at revision 1: {@code replicas} pods of {@code image} available. */
    Deployment create(String name, String container, String image, int replicas) {
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", name).endMetadata()
                .withNewSpec().withReplicas(replicas).withProgressDeadlineSeconds(600)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(container).withImage(image)
                .addNewEnv().withName("FEATURE_FLAGS").withValue("revision-1").endEnv().endContainer().endSpec()
                .endTemplate().endSpec().build();
        client.apps().deployments().inNamespace(namespace).resource(deployment).create();
        observeNewTemplate(name, 0);
        return rollOut(name, replicas, replicas, replicas, replicas);
    }

    Deployment get(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /** Waits until the Deployment's template changed past {@code generation}, as the worker's patch does. */
    Deployment awaitChangedAfter(String name, long generation) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> get(name),
                deployment -> deployment.getMetadata().getGeneration() > generation);
    }

    /**
     * What the controller does on a new template: the ReplicaSet of that template (an earlier one taken over again,
     * as on a rollback, or a new one) becomes the newest revision, and the new generation is observed.
     */
    ReplicaSet observeNewTemplate(String name, long afterGeneration) {
        Deployment deployment = awaitChangedAfter(name, afterGeneration);
        List<ReplicaSet> owned = client.apps().replicaSets().inNamespace(namespace).withLabel("app", name).list()
                .getItems();
        long revision = owned.stream().mapToLong(RevisionHistory::revisionOf).max().orElse(0) + 1;
        PodTemplateSpec template = JSON.clone(deployment.getSpec().getTemplate());
        ReplicaSet replicaSet = owned.stream().filter(rs -> sameTemplate(rs.getSpec().getTemplate(), template))
                .findFirst().orElse(null);
        String hash = replicaSet != null ? replicaSet.getMetadata().getLabels().get("pod-template-hash")
                : Integer.toHexString(Objects.hash(JSON.asJson(template), revision));
        template.getMetadata().getLabels().put("pod-template-hash", hash);
        ReplicaSet next = new ReplicaSetBuilder()
                .withNewMetadata().withName(name + "-" + hash).withNamespace(namespace)
                .addToLabels("app", name).addToLabels("pod-template-hash", hash)
                .addToAnnotations(RevisionHistory.REVISION, String.valueOf(revision))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                .withUid(deployment.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(deployment.getSpec().getReplicas())
                .withNewSelector().addToMatchLabels("app", name).addToMatchLabels("pod-template-hash", hash)
                .endSelector().withTemplate(template).endSpec().build();
        ReplicaSet stored = client.apps().replicaSets().inNamespace(namespace).resource(next).createOr(
                existing -> existing.update());
        client.apps().deployments().inNamespace(namespace).withName(name).edit(d -> {
            d.getMetadata().getAnnotations().put(RevisionHistory.REVISION, String.valueOf(revision));
            return d;
        });
        long observed = deployment.getMetadata().getGeneration();
        editStatus(name, status -> status.withObservedGeneration(observed).withUpdatedReplicas(0)
                .withConditions(progressing("ReplicaSetUpdated", "True", "ReplicaSet \"" + name + "-" + hash
                        + "\" is progressing.")));
        return stored;
    }

    /** A step of the rolling update: replica counts as the controller reports them. */
    Deployment rollOut(String name, int replicas, int updated, int ready, int available) {
        Deployment deployment = get(name);
        boolean done = updated == deployment.getSpec().getReplicas() && replicas == updated && available == updated;
        return editStatus(name, status -> status.withReplicas(replicas).withUpdatedReplicas(updated)
                .withReadyReplicas(ready).withAvailableReplicas(available)
                .withConditions(done ? progressing("NewReplicaSetAvailable", "True", "ReplicaSet has successfully "
                        + "progressed.") : progressing("ReplicaSetUpdated", "True", "ReplicaSet is progressing.")));
    }

    /** The controller's verdict once {@code progressDeadlineSeconds} passed without progress. */
    Deployment exceedProgressDeadline(String name) {
        return editStatus(name, status -> status.withConditions(progressing("ProgressDeadlineExceeded", "False",
                "ReplicaSet \"" + name + "\" has timed out progressing.")));
    }

    /** The new ReplicaSet cannot create pods: the condition the controller copies onto the Deployment. */
    Deployment failReplicaCreation(String name, String message) {
        return editStatus(name, status -> status.addToConditions(new DeploymentConditionBuilder()
                .withType("ReplicaFailure").withStatus("True").withReason("FailedCreate").withMessage(message)
                .build()));
    }

    /** A pod of the current template whose container waits for {@code reason}, as the kubelet reports it. */
    Pod podWaiting(String name, String reason, String message) {
        Deployment deployment = get(name);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Pod pod = new PodBuilder().withNewMetadata().withName(name + "-new-" + reason.toLowerCase())
                .withNamespace(namespace).addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(container.getName()).withImage(container.getImage())
                .endContainer().endSpec()
                .withNewStatus().withPhase("Pending").withContainerStatuses(new ContainerStatusBuilder()
                        .withName(container.getName()).withImage(container.getImage()).withReady(false)
                        .withRestartCount(0).withNewState().withNewWaiting().withReason(reason).withMessage(message)
                        .endWaiting().endState().build()).endStatus().build();
        return client.pods().inNamespace(namespace).resource(pod).create();
    }

    private Deployment editStatus(String name, java.util.function.UnaryOperator<DeploymentStatusBuilder> change) {
        return client.apps().deployments().inNamespace(namespace).withName(name).editStatus(deployment -> {
            DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
            deployment.setStatus(change.apply(new DeploymentStatusBuilder(status)).build());
            return deployment;
        });
    }

    private static DeploymentCondition progressing(String reason, String status, String message) {
        return new DeploymentConditionBuilder().withType("Progressing").withStatus(status).withReason(reason)
                .withMessage(message).build();
    }

    private static boolean sameTemplate(PodTemplateSpec stored, PodTemplateSpec template) {
        PodTemplateSpec withoutHash = JSON.clone(stored);
        Map<String, String> labels = withoutHash.getMetadata().getLabels();
        labels.remove("pod-template-hash");
        return JSON.asJson(withoutHash).equals(JSON.asJson(template));
    }

    static List<String> images(Deployment deployment) {
        List<String> images = new ArrayList<>();
        deployment.getSpec().getTemplate().getSpec().getContainers().forEach(c -> images.add(c.getImage()));
        return images;
    }
}
