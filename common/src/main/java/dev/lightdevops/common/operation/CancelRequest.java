package dev.lightdevops.common.operation;

import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A request to stop an operation, published to {@code ops.control} under the operation id; every worker reads it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CancelRequest(String operationId, String requestedBy, Instant requestedAt) {
}
