package dev.lightdevops.worker.deploy;

import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.deployment.ObservedDeployment;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.worker.execution.OperationExecutor;
import dev.lightdevops.worker.execution.OperationFailedException;
import dev.lightdevops.worker.execution.ProgressListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Rolls a target back, through the same {@link DeployTarget} as deploys, to the version live before the current one or
 * to a named version that was live before, as recorded in {@code ops.deployments} by whichever worker deployed it.
 * A target never deployed, a version never live, or a deploy operation that is not the live one fail with a clear
 * error; the reason is recorded with the rollback. Where the target can tell what it really runs (a cluster), that
 * counts too: a rollback after a failed rollout that was left in place returns to the version live before it.
 */
@Component
class RollbackExecutor implements OperationExecutor {

    private final DeployTarget target;
    private final DeploymentRecorder deployments;

    RollbackExecutor(DeployTarget target, DeploymentRecorder deployments) {
        this.target = target;
        this.deployments = deployments;
    }

    @Override
    public OperationType type() {
        return OperationType.ROLLBACK;
    }

    @Override
    public Map<String, Object> execute(Operation operation, ProgressListener progress) throws InterruptedException {
        Map<String, Object> request = operation.request();
        String service = operation.target().service();
        String environment = operation.target().environment();
        Deployment current = deployments.current(operation);
        Optional<String> inTarget = target.observe(service, environment).map(ObservedDeployment::version);
        String version = versionToRestore(current, request, inTarget);
        String reason = String.valueOf(request.get("reason"));
        DeploySpec spec = new DeploySpec(service, environment, version, current.liveVersion(), operation.id(), reason,
                operation.deadline(), operation);
        Map<String, Object> details = target.rollback(spec, progress);
        deployments.record(current, "rollback", version, DeploymentEvent.LIVE, operation.id(), reason, target.name(),
                operation.requestedBy());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("service", service);
        result.put("environment", environment);
        result.put("version", version);
        result.put("rolled_back_from", inTarget.orElse(current.liveVersion()));
        result.put("reason", reason);
        result.put("target", target.name());
        result.put("worker", deployments.workerName());
        result.putAll(details);
        return result;
    }

    /**
     * The version to return to. {@code inTarget} is what the target itself says is live, when it can tell: if it runs
     * something other than the version the ledger last saw live (a failed rollout left in place, a change made
     * outside this project), the rollback returns to that recorded version, and a named version is "already live"
     * only when the target agrees.
     */
    private static String versionToRestore(Deployment current, Map<String, Object> request,
            Optional<String> inTarget) {
        if (!current.everDeployed()) {
            throw new OperationFailedException("never_deployed", current.key() + " was never deployed: there is "
                    + "nothing to roll back", false);
        }
        Object undo = request.get("operation_id");
        if (undo != null && current.liveEvent().map(live -> !undo.equals(live.operationId())).orElse(true)) {
            throw new OperationFailedException("not_live", "operation " + undo + " is not what is live on "
                    + current.key() + " (live: " + current.liveVersion() + " from operation "
                    + current.lastOperationId() + "); roll back by service, or name a target_version", false);
        }
        Object named = request.get("target_version");
        if (named != null) {
            String version = named.toString();
            if (version.equals(current.liveVersion()) && inTarget.map(version::equals).orElse(true)) {
                throw new OperationFailedException("already_live", version + " is already live on " + current.key(),
                        false);
            }
            if (!current.wasLive(version)) {
                throw new OperationFailedException("version_never_live", version + " was never live on "
                        + current.key() + "; a rollback can only return to a version that was live before", false);
            }
            return version;
        }
        if (inTarget.isPresent() && !inTarget.get().equals(current.liveVersion())) {
            return current.liveVersion();
        }
        return current.previousLiveVersion().orElseThrow(() -> new OperationFailedException("no_previous_version",
                "only " + current.liveVersion() + " was ever live on " + current.key()
                        + ": there is no earlier version to roll back to", false));
    }
}
