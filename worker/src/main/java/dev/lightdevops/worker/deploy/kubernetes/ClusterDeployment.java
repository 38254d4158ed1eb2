package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.worker.deploy.DeployFailedException;
import dev.lightdevops.worker.deploy.kubernetes.ClusterConnections.Connection;
import dev.lightdevops.worker.deploy.kubernetes.DeploymentPatches.Patch;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesResourceUtil;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Deployment of one target as the API server shows it, and the objects around it (its ReplicaSets, pods and
 * their events). Every call names the verb and resource it needs, so that a refusal by the cluster's RBAC says
 * exactly which permission is missing; an interrupted call (cancellation, deadline) ends as an
 * {@link InterruptedException}; every other failure becomes a {@link DeployFailedException} a person can act on.
 */
class ClusterDeployment {

    private final KubernetesClient client;
    private final DeploymentRef ref;
    private final String cluster;

    ClusterDeployment(Connection connection, DeploymentRef ref) {
        this.client = connection.client();
        this.cluster = connection.cluster();
        this.ref = ref;
    }

    DeploymentRef ref() {
        return ref;
    }

    String cluster() {
        return cluster;
    }

    KubernetesClient client() {
        return client;
    }

    /** The Deployment, or null if there is none. */
    Deployment find(String stage) throws InterruptedException {
        return call("get", "deployments.apps", stage,
                () -> client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get());
    }

    /** The Deployment; its absence is an error naming where it was looked for and how to map it elsewhere. */
    Deployment require(String stage) throws InterruptedException {
        Deployment deployment = find(stage);
        if (deployment == null) {
            throw notFound(stage);
        }
        return deployment;
    }

    Deployment patch(Patch patch, String stage) throws InterruptedException {
        return call("patch", "deployments.apps", stage, () -> client.apps().deployments()
                .inNamespace(ref.namespace()).withName(ref.name()).patch(patch.context(), patch.body()));
    }

    /** The ReplicaSets the Deployment controls (matched by its selector, kept only if it is their controller). */
    List<ReplicaSet> replicaSets(Deployment deployment, String stage) throws InterruptedException {
        String uid = deployment.getMetadata().getUid();
        List<ReplicaSet> selected = call("list", "replicasets.apps", stage, () -> client.apps().replicaSets()
                .inNamespace(ref.namespace()).withLabels(selector(deployment)).list().getItems());
        return selected.stream().filter(replicaSet -> {
            OwnerReference owner = KubernetesResourceUtil.getControllerUid(replicaSet);
            return owner != null && owner.getUid() != null && owner.getUid().equals(uid);
        }).toList();
    }

    List<Pod> pods(Deployment deployment, String stage) throws InterruptedException {
        return call("list", "pods", stage, () -> client.pods().inNamespace(ref.namespace())
                .withLabels(selector(deployment)).list().getItems());
    }

    /** The events about one pod (what {@code kubectl describe pod} shows at its end). */
    List<Event> eventsOf(String pod, String stage) throws InterruptedException {
        return call("list", "events", stage, () -> client.v1().events().inNamespace(ref.namespace())
                .withField("involvedObject.kind", "Pod").withField("involvedObject.name", pod).list().getItems());
    }

    DeployFailedException notFound(String stage) {
        return new DeployFailedException("deployment_not_found", "there is no " + ref.describe() + " for "
                + ref.service() + "@" + ref.environment() + " in cluster " + cluster + "; create it, or map the "
                + "target to its Deployment (devops.deploy.kubernetes.targets: service, environment, namespace, "
                + "deployment)", stage, false, false);
    }

    private static Map<String, String> selector(Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getSelector() == null ? null
                : deployment.getSpec().getSelector().getMatchLabels();
        return labels == null ? Map.of() : labels;
    }

    private <T> T call(String verb, String resource, String stage, Supplier<T> call) throws InterruptedException {
        try {
            T answer = call.get();
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while calling the API server");
            }
            return answer;
        } catch (KubernetesClientException failed) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while calling the API server");
            }
            throw ClusterErrors.of(failed, verb, resource, ref, cluster, client.getConfiguration().getMasterUrl(),
                    stage);
        }
    }
}
