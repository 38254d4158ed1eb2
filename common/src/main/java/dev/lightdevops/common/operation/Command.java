package dev.lightdevops.common.operation;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A request to execute an operation, as published to {@code ops.commands} under {@link #key()}. It carries the queued
 * snapshot, so a worker has everything to run the operation and to publish its full snapshots.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Command(String key, Operation operation) {
}
