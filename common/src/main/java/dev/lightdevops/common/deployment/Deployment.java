package dev.lightdevops.common.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What is live on one {@code service@environment} and how it got there: the value of {@code ops.deployments} under
 * that key, always a full snapshot so the compacted topic's latest record is the whole truth. History is newest
 * first and bounded, so a record never grows without limit.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deployment(String service, String environment, String liveVersion, String lastOperationId,
        Instant updatedAt, List<DeploymentEvent> history) {

    /** How many history entries a record keeps. */
    public static final int HISTORY_LIMIT = 50;

    public Deployment {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static Deployment none(String service, String environment) {
        return new Deployment(service, environment, null, null, null, List.of());
    }

    public String key() {
        return service + "@" + environment;
    }

    /** The record after {@code event} ended: its version is live if it became live, the live one stays otherwise. */
    public Deployment after(DeploymentEvent event) {
        List<DeploymentEvent> newest = new ArrayList<>(HISTORY_LIMIT);
        newest.add(event);
        history.stream().limit(HISTORY_LIMIT - 1L).forEach(newest::add);
        String live = event.becameLive() ? event.version() : liveVersion;
        return new Deployment(service, environment, live, event.operationId(), event.at(), newest);
    }

    /** The version that was live before the current one (the newest live entry with a different version). */
    public Optional<String> previousLiveVersion() {
        return history.stream().filter(DeploymentEvent::becameLive).map(DeploymentEvent::version)
                .filter(version -> !version.equals(liveVersion)).findFirst();
    }

    /** Whether {@code version} was ever live here, as far as the retained history tells. */
    public boolean wasLive(String version) {
        return history.stream().anyMatch(event -> event.becameLive() && event.version().equals(version));
    }

    /** The live entry that produced the current version, if any. */
    public Optional<DeploymentEvent> liveEvent() {
        return history.stream().filter(DeploymentEvent::becameLive).findFirst();
    }

    public boolean everDeployed() {
        return liveVersion != null;
    }
}
