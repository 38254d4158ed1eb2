package dev.lightdevops.api.operations;

import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An operation a tool proposes to start, validated, as it hands it to {@link OperationAcceptance} (which accepts it or
 * refuses it before anything is published).
 *
 * @param tool the tool that was called (for the audit trail)
 * @param type what kind of operation to start
 * @param target the service and environment acted on; null for fetches
 * @param commandKey the Kafka key of the command: {@code target.key()}, or the query key for fetches. Commands with
 *     the same key run one at a time, in acceptance order
 * @param arguments the arguments as recorded on the operation (validated; secrets are redacted in the audit trail)
 * @param summary what the placeholder says was accepted, e.g. "Deploy of cart 1.2.0 to staging"
 * @param idempotencyKey optional: the same key from the same principal within the idempotency window returns the
 *     original operation instead of starting a second one
 * @param timeout optional: the caller's own deadline, from acceptance; it can only shorten the type's default
 */
public record ProposedOperation(String tool, OperationType type, Target target, String commandKey,
        Map<String, Object> arguments, String summary, String idempotencyKey, Duration timeout) {

    public ProposedOperation {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(commandKey, "commandKey");
        Objects.requireNonNull(summary, "summary");
        arguments = arguments == null ? Map.of() : arguments;
    }
}
