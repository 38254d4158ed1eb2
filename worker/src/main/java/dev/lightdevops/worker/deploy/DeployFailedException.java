package dev.lightdevops.worker.deploy;

import dev.lightdevops.worker.execution.OperationFailedException;
import java.util.Optional;

/**
 * A target could not complete a deploy or rollback. {@code healthCheckFailed} tells that the new version was rolled
 * out but did not prove healthy, the one failure an automatic rollback repairs. {@code versionLiveBefore} is what the
 * target itself saw live before it changed anything (a cluster knows; a simulation does not), which an automatic
 * rollback returns to in preference to the ledger's record.
 */
public class DeployFailedException extends OperationFailedException {

    private final String stage;
    private final boolean healthCheckFailed;
    private final String versionLiveBefore;

    public DeployFailedException(String code, String message, String stage, boolean healthCheckFailed,
            boolean retryable) {
        this(code, message, stage, healthCheckFailed, retryable, null);
    }

    public DeployFailedException(String code, String message, String stage, boolean healthCheckFailed,
            boolean retryable, String versionLiveBefore) {
        super(code, message, retryable);
        this.stage = stage;
        this.healthCheckFailed = healthCheckFailed;
        this.versionLiveBefore = versionLiveBefore;
    }

    public String stage() {
        return stage;
    }

    public boolean healthCheckFailed() {
        return healthCheckFailed;
    }

    public Optional<String> versionLiveBefore() {
        return Optional.ofNullable(versionLiveBefore);
    }
}
