package dev.lightdevops.worker.deploy.kubernetes;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the Kubernetes deploy target ({@code devops.deploy.target=kubernetes}) reaches its clusters and maps
 * {@code service@environment} to a Deployment. Defaults: the namespace is the environment's name, the Deployment the
 * service's, the container the one named like the service (or the only one).
 *
 * @param kubeconfig a kubeconfig file; unset: fabric8's discovery ({@code KUBECONFIG}, {@code ~/.kube/config}, then
 *     the pod's service account when running in a cluster)
 * @param context the kubeconfig context of targets that name none (unset: the current context, or in-cluster)
 * @param pollInterval how often a rollout is read while it is followed
 * @param failureGrace how long a stuck rollout signal (image pull failing, pods crash-looping, quota exceeded) must
 *     last before the rollout is declared failed ({@code 0s}: at first sight); the cluster's own
 *     {@code ProgressDeadlineExceeded} fails it at once
 * @param unreachableTolerance how long a followed rollout tolerates an API server that does not answer before the
 *     operation fails (retryable)
 * @param onCancel what a cancelled deploy does besides stop following: {@code stop} leaves the Deployment as it is
 *     (the rollout goes on in the cluster), {@code rollback} restores the template it had before
 * @param onDeadline the same for a deploy that ran past its deadline
 * @param observeInterval how often a worker reads what is live in the cluster for {@code list_deployments}
 *     ({@code 0s}: only after each deploy and rollback)
 * @param requestTimeout timeout of one API call
 * @param connectTimeout timeout of connecting to the API server
 * @param requestRetries how often the client itself retries a call that failed on the network or with a 5xx
 * @param environments per environment: its cluster context and namespace
 * @param targets per service (and optionally environment): where its Deployment is, and how to deploy it
 */
@Validated
@ConfigurationProperties("devops.deploy.kubernetes")
public record KubernetesProperties(
        String kubeconfig,
        String context,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("30s") @NotNull Duration failureGrace,
        @DefaultValue("60s") @NotNull Duration unreachableTolerance,
        @DefaultValue("stop") @NotNull OnStop onCancel,
        @DefaultValue("stop") @NotNull OnStop onDeadline,
        @DefaultValue("30s") @NotNull Duration observeInterval,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration requestTimeout,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration connectTimeout,
        @DefaultValue("2") @Min(0) @Max(10) int requestRetries,
        Map<String, @Valid Placement> environments,
        List<@Valid TargetMapping> targets) {

    /** DNS-1123 label: what Kubernetes accepts as a namespace or Deployment name (a Deployment may have dots too). */
    static final String NAME = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";

    public KubernetesProperties {
        kubeconfig = kubeconfig == null || kubeconfig.isBlank() ? null : kubeconfig;
        context = context == null || context.isBlank() ? null : context;
        environments = environments == null ? Map.of() : Map.copyOf(environments);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** What a stopped deploy leaves behind. */
    public enum OnStop {
        /** Stop following; the Deployment keeps what the deploy set and the rollout goes on in the cluster. */
        STOP,
        /** Stop following and restore the pod template the Deployment had before the deploy (not followed). */
        ROLLBACK
    }

    /** Where an environment's Deployments are: a kubeconfig context and a namespace (default: the environment). */
    public record Placement(String context, @Pattern(regexp = NAME) String namespace) {
    }

    /**
     * Where one service's Deployment is, in every environment or in one.
     *
     * @param environment the environment this applies to; unset: all of them (an entry naming it wins)
     * @param deployment the Deployment's name (default: the service)
     * @param container the container whose image carries the version (default: the one named like the service, or
     *     the only one)
     * @param patch instead of setting the image: a patch (JSON or YAML) applied to the Deployment, with
     *     {@code {{version}}}, {@code {{image}}} (the container's image with the version as its tag),
     *     {@code {{service}}}, {@code {{environment}}} and {@code {{operation_id}}} replaced
     * @param patchType how {@code patch} applies: {@code strategic} (kubectl's default), {@code merge} or {@code json}
     */
    public record TargetMapping(
            @NotBlank String service,
            String environment,
            String context,
            @Pattern(regexp = NAME) String namespace,
            @Pattern(regexp = NAME) String deployment,
            String container,
            String patch,
            @Pattern(regexp = "strategic|merge|json") String patchType) {

        public TargetMapping {
            patchType = patchType == null ? "strategic" : patchType;
        }
    }
}
