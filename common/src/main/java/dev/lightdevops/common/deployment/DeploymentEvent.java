package dev.lightdevops.common.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One entry of a target's deployment history: a deploy or rollback that ended, what version it concerned and whether
 * that version became live.
 *
 * @param kind {@code deploy}, {@code rollback} or {@code auto_rollback}
 * @param outcome {@code live} when the version became live, {@code failed} when the attempt failed and the previous
 *     version stayed live
 * @param via the deploy target that carried it out ({@code simulated}, {@code command}, ...)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentEvent(String kind, String version, String outcome, String operationId, String reason,
        String via, String requestedBy, String worker, Instant at) {

    public static final String LIVE = "live";
    public static final String FAILED = "failed";

    public boolean becameLive() {
        return LIVE.equals(outcome);
    }
}
