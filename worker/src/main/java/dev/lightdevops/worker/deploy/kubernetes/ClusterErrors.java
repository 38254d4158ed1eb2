package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.worker.deploy.DeployFailedException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns what the API server (or the way to it) answered into an error a person can act on: who refused what, and
 * what to do about it. An API server that does not answer, answers 5xx or asks to slow down is retryable; a refusal
 * (401, 403), a missing object or an invalid change is not, since a retry would meet the same answer.
 */
final class ClusterErrors {

    private ClusterErrors() {
    }

    static DeployFailedException of(KubernetesClientException failed, String verb, String resource,
            DeploymentRef ref, String cluster, String masterUrl, String stage) {
        int code = failed.getCode();
        String said = failed.getStatus() != null && failed.getStatus().getMessage() != null
                ? failed.getStatus().getMessage() : rootMessage(failed);
        String where = " in namespace " + ref.namespace() + " of cluster " + cluster;
        return switch (code) {
            case 401 -> new DeployFailedException("kubernetes_unauthorized", "the API server at " + masterUrl
                    + " rejected the worker's credentials (" + said + "): renew the kubeconfig user's token, or check "
                    + "the pod's service account token", stage, false, false);
            case 403 -> new DeployFailedException("kubernetes_forbidden", "the cluster's RBAC does not allow the "
                    + "worker to " + verb + " " + resource + where + " (" + said + "): grant its service account the "
                    + "Role in docs/integrations.md", stage, false, false);
            case 404 -> new DeployFailedException("deployments.apps".equals(resource)
                    ? "deployment_not_found" : "kubernetes_not_found", "the API server has no " + resource + " "
                    + ref.name() + where + " (" + said + ")", stage, false, false);
            case 409 -> new DeployFailedException("kubernetes_conflict", "the " + ref.describe() + " changed while "
                    + "the worker was changing it (" + said + "); try again", stage, false, true);
            case 422 -> new DeployFailedException("kubernetes_invalid", "the API server refused the change to the "
                    + ref.describe() + ": " + said, stage, false, false);
            case 429, 500, 502, 503, 504 -> unreachable(masterUrl, "answered " + code + " (" + said + ")", stage);
            default -> code <= 0
                    ? unreachable(masterUrl, "did not answer (" + rootMessage(failed) + ")", stage)
                    : new DeployFailedException("kubernetes_error", "the API server answered " + code + " to " + verb
                            + " " + resource + where + ": " + said, stage, false, false);
        };
    }

    static DeployFailedException unreachable(String masterUrl, String what, String stage) {
        return new DeployFailedException("kubernetes_unreachable", "the Kubernetes API server at " + masterUrl + " "
                + what + "; the operation can be retried", stage, false, true);
    }

    static boolean isUnreachable(DeployFailedException failure) {
        return "kubernetes_unreachable".equals(failure.code());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
