package dev.lightdevops.worker.deploy.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's Kubernetes API emulation in CRUD mode (objects are stored, listed by label, patched, watched), with
 * expectations taking precedence where a test needs an answer CRUD cannot give (a 403, a field-selected list), and a
 * kubeconfig that points a worker at it. One per test class.
 */
final class MockCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    MockCluster() {
        this(false);
    }

    /** With {@code https}, the server presents a self-signed certificate, as an API server's own CA would sign. */
    MockCluster(boolean https) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), https);
        server.init();
        client = server.createClient();
    }

    KubernetesMockServer server() {
        return server;
    }

    /** A client of the test's own, playing the cluster's controllers. */
    KubernetesClient client() {
        return client;
    }

    String url() {
        return server.url("/");
    }

    /** A kubeconfig whose current context {@code mock} reaches this server with a bearer token. */
    Path writeKubeconfig(Path directory) {
        return writeKubeconfig(directory, url());
    }

    static Path writeKubeconfig(Path directory, String server) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                users:
                - name: light-devops-worker
                  user:
                    token: kubeconfig-token
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: light-devops-worker
                    namespace: default
                current-context: mock
                """.formatted(server);
        try {
            Path file = Files.createTempFile(directory, "kubeconfig", ".yaml");
            Files.writeString(file, kubeconfig);
            return file;
        } catch (IOException cannotWrite) {
            throw new UncheckedIOException(cannotWrite);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
