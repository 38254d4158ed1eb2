package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.Placement;
import dev.lightdevops.worker.deploy.kubernetes.KubernetesProperties.TargetMapping;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Maps {@code service@environment} to its Deployment. The most specific setting wins: a target entry naming the
 * service and environment, then one naming the service alone, then the environment's placement, then the defaults
 * (the global context, namespace = environment, Deployment = service).
 */
class KubernetesTargets {

    private final KubernetesProperties settings;

    KubernetesTargets(KubernetesProperties settings) {
        this.settings = settings;
    }

    DeploymentRef resolve(String service, String environment) {
        Optional<TargetMapping> mapping = mappingOf(service, environment);
        Optional<Placement> placement = Optional.ofNullable(settings.environments().get(environment));
        String context = firstOf(mapping.map(TargetMapping::context), placement.map(Placement::context),
                Optional.ofNullable(settings.context()));
        String namespace = firstOf(mapping.map(TargetMapping::namespace), placement.map(Placement::namespace),
                Optional.of(environment));
        String name = firstOf(mapping.map(TargetMapping::deployment), Optional.of(service));
        ConfiguredPatch patch = mapping.filter(entry -> entry.patch() != null && !entry.patch().isBlank())
                .map(entry -> new ConfiguredPatch(entry.patch(), entry.patchType())).orElse(null);
        return new DeploymentRef(service, environment, context, namespace, name,
                mapping.map(TargetMapping::container).orElse(null), patch);
    }

    /** The {@code service@environment} keys the configuration names explicitly (entries with an environment). */
    List<String> configuredKeys() {
        return settings.targets().stream().filter(entry -> entry.environment() != null)
                .map(entry -> entry.service() + "@" + entry.environment()).distinct().toList();
    }

    private Optional<TargetMapping> mappingOf(String service, String environment) {
        List<TargetMapping> ofService = settings.targets().stream()
                .filter(entry -> entry.service().equals(service)).toList();
        return ofService.stream().filter(entry -> environment.equals(entry.environment())).findFirst()
                .or(() -> ofService.stream().filter(entry -> entry.environment() == null).findFirst());
    }

    @SafeVarargs
    private static String firstOf(Optional<String>... candidates) {
        return Stream.of(candidates).flatMap(Optional::stream).filter(Objects::nonNull)
                .filter(value -> !value.isBlank()).findFirst().orElse(null);
    }
}
