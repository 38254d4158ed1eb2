package dev.lightdevops.worker.deploy;

import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.worker.execution.OperationExecutor;
import dev.lightdevops.worker.execution.OperationFailedException;
import dev.lightdevops.worker.execution.ProgressListener;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Executes deploys through the configured {@link DeployTarget} and records every outcome in {@code ops.deployments}.
 * A deploy whose health check fails (for a cluster: whose rollout failed after the Deployment was changed) is rolled
 * back to the version live before it when the request asked for {@code auto_rollback} (the default in production),
 * and the operation still fails with the deploy's error code, saying so.
 */
@Component
class DeployExecutor implements OperationExecutor {

    private final DeployTarget target;
    private final DeploymentRecorder deployments;

    DeployExecutor(DeployTarget target, DeploymentRecorder deployments) {
        this.target = target;
        this.deployments = deployments;
    }

    @Override
    public OperationType type() {
        return OperationType.DEPLOY;
    }

    @Override
    public Map<String, Object> execute(Operation operation, ProgressListener progress) throws InterruptedException {
        Map<String, Object> request = operation.request();
        String service = operation.target().service();
        String environment = operation.target().environment();
        String version = String.valueOf(request.get("version"));
        Deployment current = deployments.current(operation);
        DeploySpec spec = new DeploySpec(service, environment, version, current.liveVersion(), operation.id(),
                (String) request.get("reason"), operation.deadline(), operation);
        if (Boolean.TRUE.equals(request.get("dry_run"))) {
            return result(spec, Map.of("dry_run", true, "would_replace", String.valueOf(current.liveVersion())));
        }
        Map<String, Object> details;
        try {
            details = target.deploy(spec, progress);
        } catch (DeployFailedException failed) {
            Deployment afterFailure = deployments.record(current, "deploy", version, DeploymentEvent.FAILED,
                    operation.id(), spec.reason(), target.name(), operation.requestedBy());
            if (failed.healthCheckFailed() && Boolean.TRUE.equals(request.get("auto_rollback"))) {
                throw rollBackAutomatically(operation, spec, afterFailure, failed, progress);
            }
            throw failed;
        }
        deployments.record(current, "deploy", version, DeploymentEvent.LIVE, operation.id(), spec.reason(),
                target.name(), operation.requestedBy());
        return result(spec, details);
    }

    /**
     * Returns the target to what was live before the failed deploy: what the target itself saw live before changing
     * it (a cluster knows, even for a version deployed without this project), else what the ledger recorded. The
     * operation fails with the deploy's own error code either way.
     */
    private OperationFailedException rollBackAutomatically(Operation operation, DeploySpec failedSpec,
            Deployment current, DeployFailedException cause, ProgressListener progress) throws InterruptedException {
        String previous = cause.versionLiveBefore().orElse(current.liveVersion());
        if (previous == null) {
            return new OperationFailedException(cause.code(), cause.getMessage()
                    + "; nothing was live before, so there is nothing to roll back to", false);
        }
        progress.report(new Progress(90, "auto_rollback", cause.code() + ": rolling back to " + previous));
        DeploySpec back = new DeploySpec(failedSpec.service(), failedSpec.environment(), previous,
                failedSpec.version(), operation.id(), "automatic rollback: " + cause.getMessage(),
                operation.deadline(), operation);
        try {
            target.rollback(back, progress);
        } catch (DeployFailedException rollbackFailed) {
            return new OperationFailedException("auto_rollback_failed", cause.getMessage()
                    + "; the automatic rollback to " + previous + " failed too: " + rollbackFailed.getMessage(), false);
        }
        deployments.record(current, "auto_rollback", previous, DeploymentEvent.LIVE, operation.id(), back.reason(),
                target.name(), operation.requestedBy());
        return new OperationFailedException(cause.code(), cause.getMessage()
                + "; rolled back automatically to " + previous + ", which is live again", false);
    }

    private Map<String, Object> result(DeploySpec spec, Map<String, Object> details) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("service", spec.service());
        result.put("environment", spec.environment());
        result.put("version", spec.version());
        result.put("previous_version", spec.currentVersion());
        result.put("target", target.name());
        result.put("worker", deployments.workerName());
        result.putAll(details);
        return result;
    }
}
