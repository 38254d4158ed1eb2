package dev.lightdevops.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One line of the audit trail as the store answers it. Another principal's line is shown without its details
 * (client address, arguments, detail) unless the caller holds {@code read_audit}; {@code detailsWithheld} says so.
 */
// operation_id spelled out: the OpenAPI generator does not apply @JsonNaming, and "operationId" means else there.
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditEntry(String id, Instant at, String action, String principal, String tenant, String clientAddress,
        String tool, @JsonProperty("operation_id") String operationId, String operationType, String target, Map<String, Object> arguments,
        String outcome, String detail, boolean detailsWithheld) {

    AuditEntry withoutDetails() {
        return new AuditEntry(id, at, action, principal, tenant, null, tool, operationId, operationType, target,
                null, outcome, null, true);
    }
}
