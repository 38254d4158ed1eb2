package dev.lightdevops.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One change as {@code list_changes} tells it: who asked for what on which target, the version it brought and the
 * one live before, why, who approved it, and how it came out.
 *
 * @param version the version deployed, or the one a rollback restored
 * @param fromVersion the version live before the change, when known
 * @param approvedBy the approvers' principals, in the order they approved (empty: no approval was needed)
 * @param error why it did not succeed, when it did not
 * @param rolledBackTo the version an automatic rollback restored after a failed deploy
 */
// operation_id spelled out: the OpenAPI generator does not apply @JsonNaming, and "operationId" means else there.
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record Change(@JsonProperty("operation_id") String operationId, String type, String service, String environment, String status,
        String requestedBy, String version, String fromVersion, String reason, List<String> approvedBy,
        Instant approvedAt, Error error, String rolledBackTo, int attempt, Instant createdAt, Instant finishedAt) {

    /** The code and message of a change that did not succeed. */
    record Error(String code, String message) {
    }

    /** One line for a person or a model: when, where, what, who, how it ended. */
    String summary() {
        StringBuilder line = new StringBuilder().append(createdAt).append(' ').append(service).append('@')
                .append(environment).append(' ').append(type).append(' ');
        if (fromVersion != null) {
            line.append(fromVersion).append(" -> ");
        }
        line.append(version == null ? "?" : version).append(" by ").append(requestedBy);
        if (!approvedBy.isEmpty()) {
            line.append(" (approved by ").append(String.join(", ", approvedBy)).append(')');
        }
        line.append(": ").append(status);
        if (error != null) {
            line.append(" (").append(error.code()).append(')');
        }
        if (rolledBackTo != null) {
            line.append(", rolled back to ").append(rolledBackTo);
        }
        if (reason != null) {
            line.append(" - \"").append(reason).append('"');
        }
        return line.toString();
    }
}
