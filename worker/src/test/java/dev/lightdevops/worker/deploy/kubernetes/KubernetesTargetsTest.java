package dev.lightdevops.worker.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.OnStop;
import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.Placement;
import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.TargetMapping;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How service@environment maps to a Deployment, and how placeholders of a configured patch are filled. */
class KubernetesTargetsTest {

    private static KubernetesProperties settings(Map<String, Placement> environments, List<TargetMapping> targets) {
        return new KubernetesProperties(null, "dev-cluster", Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(60), OnStop.STOP, OnStop.STOP, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(5), 2, environments, targets);
    }

    @Test
    void withNothingConfiguredTheNamespaceIsTheEnvironmentAndTheDeploymentTheService() {
        DeploymentRef ref = new KubernetesTargets(settings(Map.of(), List.of())).resolve("checkout", "staging");

        assertThat(ref).isEqualTo(new DeploymentRef("checkout", "staging", "dev-cluster", "staging", "checkout",
                null, null));
    }

    @Test
    void theMostSpecificSettingWins() {
        KubernetesTargets targets = new KubernetesTargets(settings(
                Map.of("production", new Placement("prod-cluster", "shop")),
                List.of(new TargetMapping("checkout", null, null, null, "checkout-web", "app", null, null),
                        new TargetMapping("checkout", "production", null, "shop-eu", null, null, null, null))));

        assertThat(targets.resolve("checkout", "production")).isEqualTo(new DeploymentRef("checkout", "production",
                "prod-cluster", "shop-eu", "checkout", null, null));
        assertThat(targets.resolve("checkout", "staging")).isEqualTo(new DeploymentRef("checkout", "staging",
                "dev-cluster", "staging", "checkout-web", "app", null));
        assertThat(targets.resolve("cart", "production").namespace()).isEqualTo("shop");
        assertThat(targets.configuredKeys()).containsExactly("checkout@production");
    }

    @Test
    void placeholderValuesCannotAddStructureToAConfiguredPatch() {
        ConfiguredPatch patch = new ConfiguredPatch("""
                {"metadata":{"labels":{"app.kubernetes.io/version":"{{version}}"}}}""", "merge");

        assertThat(patch.render(Map.of("version", "1.0\",\"evil\":\"x")))
                .isEqualTo("{\"metadata\":{\"labels\":{\"app.kubernetes.io/version\":\"1.0\\\",\\\"evil\\\":\\\"x\"}}}");
        assertThatThrownBy(() -> new ConfiguredPatch("{\"x\":\"{{versoin}}\"}", "merge").render(Map.of("version", "1")))
                .hasMessageContaining("unknown placeholder {{versoin}}");
    }
}
