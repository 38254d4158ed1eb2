package dev.lightdevops.worker.deploy;

import java.time.Instant;

/**
 * What a target is asked to do: put {@code version} of {@code service} live in {@code environment}, replacing
 * {@code currentVersion} (null on a first deploy), before {@code deadline}.
 */
public record DeploySpec(String service, String environment, String version, String currentVersion,
        String operationId, String reason, Instant deadline) {

    public String key() {
        return service + "@" + environment;
    }
}
