package dev.lightdevops.worker.deploy;

import dev.lightdevops.worker.execution.OperationFailedException;

/**
 * A target could not complete a deploy or rollback. {@code healthCheckFailed} tells that the new version was rolled
 * out but did not prove healthy, the one failure an automatic rollback repairs.
 */
public class DeployFailedException extends OperationFailedException {

    private final String stage;
    private final boolean healthCheckFailed;

    public DeployFailedException(String code, String message, String stage, boolean healthCheckFailed,
            boolean retryable) {
        super(code, message, retryable);
        this.stage = stage;
        this.healthCheckFailed = healthCheckFailed;
    }

    public String stage() {
        return stage;
    }

    public boolean healthCheckFailed() {
        return healthCheckFailed;
    }
}
