package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.worker.deploy.DeployFailedException;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fabric8 client per cluster context, made on first use and closed with the worker. The configuration comes
 * from the kubeconfig file when one is set, else from fabric8's own discovery: {@code KUBECONFIG} or
 * {@code ~/.kube/config}, then the pod's service account ({@code KUBERNETES_SERVICE_HOST}, the token and CA under
 * {@code /var/run/secrets/kubernetes.io/serviceaccount}, re-read as the token rotates). The transport is the JDK's
 * HttpClient, chosen explicitly rather than by whatever is on the classpath.
 */
class ClusterConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterConnections.class);
    private static final String DEFAULT = "";

    private final KubernetesProperties settings;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    ClusterConnections(KubernetesProperties settings) {
        this.settings = settings;
    }

    /** A cluster reached through one context: its client and the name messages and observations give it. */
    record Connection(KubernetesClient client, String cluster) {
    }

    /** The connection through {@code context} (null: the default one); a context that cannot be loaded fails. */
    Connection to(String context) {
        try {
            return connections.computeIfAbsent(context == null ? DEFAULT : context, this::connect);
        } catch (RuntimeException unusable) {
            throw new DeployFailedException("kubernetes_not_configured", "cannot use the cluster "
                    + (context == null ? "of the default context" : "of context " + context) + " ("
                    + (settings.kubeconfig() == null ? "discovered configuration" : "kubeconfig "
                    + settings.kubeconfig()) + "): " + unusable.getMessage(), "validate", false, false);
        }
    }

    private Connection connect(String context) {
        String named = context.isEmpty() ? null : context;
        Config discovered = settings.kubeconfig() != null
                ? Config.fromKubeconfig(named, new File(settings.kubeconfig()))
                : Config.autoConfigure(named);
        // fabric8 falls back to the current context when the named one does not exist: that would be another cluster.
        if (named != null && (discovered.getCurrentContext() == null
                || !named.equals(discovered.getCurrentContext().getName()))) {
            throw new IllegalArgumentException("the kubeconfig has no context " + named + " (contexts: "
                    + String.join(", ", discovered.getContexts().stream().map(NamedContext::getName).toList()) + ")");
        }
        Config config = new ConfigBuilder(discovered)
                .withRequestTimeout((int) settings.requestTimeout().toMillis())
                .withConnectionTimeout((int) settings.connectTimeout().toMillis())
                .withRequestRetryBackoffLimit(settings.requestRetries())
                .withRequestRetryBackoffInterval(200)
                .build();
        String cluster = discovered.getCurrentContext() != null ? discovered.getCurrentContext().getName()
                : named != null ? named : "in-cluster";
        log.info("Kubernetes target: context {} at {} ({})", cluster, config.getMasterUrl(),
                settings.kubeconfig() != null ? "kubeconfig " + settings.kubeconfig() : "discovered configuration");
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
        return new Connection(client, cluster);
    }

    @Override
    public void close() {
        connections.values().forEach(connection -> connection.client().close());
        connections.clear();
    }
}
