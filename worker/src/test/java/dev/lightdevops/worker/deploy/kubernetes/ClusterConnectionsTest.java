package dev.lightdevops.worker.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightdevops.worker.deploy.DeployFailedException;
import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.OnStop;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ways a worker reaches a cluster: a kubeconfig (its context chosen by name), and a pod's service account
 * (in-cluster: the API server from {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}, the token from its file).
 */
class ClusterConnectionsTest {

    @TempDir
    Path directory;

    @Test
    void aKubeconfigContextIsChosenByNameAndItsUsersTokenIsSent() throws Exception {
        try (MockCluster cluster = new MockCluster()) {
            Path kubeconfig = directory.resolve("config");
            Files.writeString(kubeconfig, Files.readString(cluster.writeKubeconfig(directory))
                    .replace("current-context: mock", "current-context: elsewhere")
                    .replace("contexts:\n", "contexts:\n- name: elsewhere\n  context:\n    cluster: nowhere\n"
                            + "    user: light-devops-worker\n")
                    .replace("clusters:\n", "clusters:\n- name: nowhere\n  cluster:\n    server: http://127.0.0.1:18498\n"));
            try (ClusterConnections connections = new ClusterConnections(settings(kubeconfig.toString(), Duration.ofSeconds(1)))) {
                ClusterConnections.Connection mock = connections.to("mock");

                mock.client().apps().deployments().inNamespace("staging").list();

                assertThat(mock.cluster()).isEqualTo("mock");
                assertThat(cluster.server().getLastRequest().getHeader("Authorization"))
                        .isEqualTo("Bearer kubeconfig-token");
                assertThat(connections.to(null).client().getConfiguration().getMasterUrl())
                        .startsWith("http://127.0.0.1:18498");
                assertThatThrownBy(() -> connections.to("missing")).isInstanceOfSatisfying(
                        DeployFailedException.class, failure -> {
                            assertThat(failure.code()).isEqualTo("kubernetes_not_configured");
                            assertThat(failure.getMessage()).contains("no context missing (contexts: mock, elsewhere)");
                        });
            }
        }
    }

    @Test
    void inAPodTheServiceAccountTokenAndTheServiceHostAreUsed() throws Exception {
        Path token = Files.writeString(directory.resolve("token"), "service-account-token");
        try (MockCluster cluster = new MockCluster(true)) {
            Map<String, String> inAPod = Map.of(
                    Config.KUBERNETES_SERVICE_HOST_PROPERTY, "localhost",
                    Config.KUBERNETES_SERVICE_PORT_PROPERTY, String.valueOf(cluster.server().getPort()),
                    Config.KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN_FILE_SYSTEM_PROPERTY, token.toString(),
                    // the mock's certificate is self-signed; a pod trusts its cluster's CA from ca.crt instead
                    Config.KUBERNETES_TRUST_CERT_SYSTEM_PROPERTY, "true",
                    // a kubeconfig of the machine running the test must not be found first
                    Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false",
                    // the mock's TLS does not negotiate HTTP/2 with the JDK client (fabric8's own mock clients off it too)
                    Config.KUBERNETES_HTTP2_DISABLE, "true");
            inAPod.forEach(System::setProperty);
            try (ClusterConnections connections = new ClusterConnections(settings(null, Duration.ofSeconds(20)))) {
                ClusterConnections.Connection inCluster = connections.to(null);

                inCluster.client().apps().deployments().inNamespace("staging").list();

                assertThat(inCluster.cluster()).isEqualTo("in-cluster");
                assertThat(inCluster.client().getConfiguration().getMasterUrl())
                        .startsWith("https://localhost:" + cluster.server().getPort());
                assertThat(cluster.server().getLastRequest().getHeader("Authorization"))
                        .isEqualTo("Bearer service-account-token");
            } finally {
                inAPod.keySet().forEach(System::clearProperty);
            }
        }
    }

    private static KubernetesProperties settings(String kubeconfig, Duration connectTimeout) {
        return new KubernetesProperties(kubeconfig, null, Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(1), OnStop.STOP, OnStop.STOP, Duration.ZERO, Duration.ofSeconds(20),
                connectTimeout, 0, Map.of(), List.of());
    }
}
