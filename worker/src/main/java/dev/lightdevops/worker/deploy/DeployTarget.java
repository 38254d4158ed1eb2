package dev.lightdevops.worker.deploy;

import dev.lightdevops.common.deployment.ObservedDeployment;
import dev.lightdevops.worker.execution.ProgressListener;
import java.util.Map;
import java.util.Optional;

/**
 * Where deploys and rollbacks really happen (a simulation, a command, a cluster). Implementations report stages through
 * the listener, return details of the result, throw {@link DeployFailedException} when the change failed, and stop
 * promptly when their thread is interrupted (cancellation, deadline): that is the cancellation token.
 */
public interface DeployTarget {

    /** The name this target is configured by and recorded under ({@code simulated}, {@code command}, ...). */
    String name();

    Map<String, Object> deploy(DeploySpec spec, ProgressListener progress) throws InterruptedException;

    /** Returns {@code spec.service()} to {@code spec.version()}, a version that was live before. */
    Map<String, Object> rollback(DeploySpec spec, ProgressListener progress) throws InterruptedException;

    /**
     * What the target itself says is live on {@code service@environment}, beyond what {@code ops.deployments}
     * records: a cluster can tell (and may disagree with the ledger), a simulation or a command cannot (empty).
     */
    default Optional<ObservedDeployment> observe(String service, String environment) throws InterruptedException {
        return Optional.empty();
    }
}
