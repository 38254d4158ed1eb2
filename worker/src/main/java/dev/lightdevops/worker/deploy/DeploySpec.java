package dev.lightdevops.worker.deploy;

import dev.lightdevops.common.operation.Operation;
import java.time.Instant;

/**
 * What a target is asked to do: put {@code version} of {@code service} live in {@code environment}, replacing
 * {@code currentVersion} (null on a first deploy), before {@code deadline}. {@code operation} is the operation being
 * executed (its attempt, its whole request), for targets that need more than the fields above.
 */
public record DeploySpec(String service, String environment, String version, String currentVersion,
        String operationId, String reason, Instant deadline, Operation operation) {

    public String key() {
        return service + "@" + environment;
    }
}
