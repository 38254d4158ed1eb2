package dev.lightdevops.worker.deploy.kubernetes;

/**
 * Where the Deployment of one {@code service@environment} is, as configured: a cluster context (null: the default
 * one), a namespace, a Deployment name, the container carrying the version (null: chosen from the Deployment), and
 * the configured patch that replaces setting the image (null: set the image).
 */
record DeploymentRef(String service, String environment, String context, String namespace, String name,
        String container, ConfiguredPatch patch) {

    /** For messages: {@code Deployment staging/checkout (context prod)}. */
    String describe() {
        return "Deployment " + namespace + "/" + name + (context == null ? "" : " (context " + context + ")");
    }
}
