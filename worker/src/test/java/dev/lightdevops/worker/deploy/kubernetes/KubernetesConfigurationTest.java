package dev.lightdevops.worker.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A Kubernetes configuration that cannot work stops the worker at start, naming the setting. */
class KubernetesConfigurationTest {

    @TempDir
    Path directory;

    private final ApplicationContextRunner worker = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, KubernetesConfiguration.class)
            .withPropertyValues("devops.deploy.target=kubernetes");

    @Test
    void aContextTheKubeconfigLacksStopsTheStart() {
        worker.withPropertyValues("devops.deploy.kubernetes.kubeconfig="
                        + MockCluster.writeKubeconfig(directory, "http://127.0.0.1:18497"),
                        "devops.deploy.kubernetes.environments.production.context=prod-eu")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("the kubeconfig has no context prod-eu (contexts: mock)"));
    }

    @Test
    void aConfiguredPatchWithAnUnknownPlaceholderStopsTheStart() {
        worker.withPropertyValues("devops.deploy.kubernetes.kubeconfig="
                        + MockCluster.writeKubeconfig(directory, "http://127.0.0.1:18497"),
                        "devops.deploy.kubernetes.targets[0].service=search",
                        "devops.deploy.kubernetes.targets[0].patch-type=merge",
                        "devops.deploy.kubernetes.targets[0].patch={\"metadata\":{\"labels\":{\"v\":\"{{versoin}}\"}}}")
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining("devops.deploy.kubernetes.targets[0].patch is not a usable merge patch")
                        .hasMessageContaining("unknown placeholder {{versoin}}"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KubernetesProperties.class)
    static class Settings {
    }
}
