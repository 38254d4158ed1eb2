package dev.lightdevops.api.operations;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The one rule for how long an operation may run once queued: its type's deadline ({@code devops.api.deploy-deadline}
 * for deploys and rollbacks, {@code devops.api.operations.fetch-deadline} for fetches), or the caller's own timeout when
 * that is shorter. An operation queued at acceptance and one queued by its approval get their deadline here alike.
 */
@Component
public class OperationDeadlines {

    private final ApiProperties api;
    private final OperationsProperties operations;

    OperationDeadlines(ApiProperties api, OperationsProperties operations) {
        this.api = api;
        this.operations = operations;
    }

    /** How long a proposed operation may run; a timeout that is not positive is refused. */
    Duration of(ProposedOperation request) {
        if (request.timeout() != null && (request.timeout().isNegative() || request.timeout().isZero())) {
            throw new InvalidArgumentsException("timeout", "must be a positive duration");
        }
        return shorter(request.timeout(), limitFor(request.type()));
    }

    /** The deadline of an operation that was held for approval and is queued {@code now}. */
    public Instant afterApproval(Operation operation, Instant now) {
        Duration requested = operation.request().get("timeout_seconds") instanceof Number seconds
                ? Duration.ofSeconds(seconds.longValue()) : null;
        return now.plus(shorter(requested, limitFor(operation.type())));
    }

    private Duration limitFor(OperationType type) {
        return type == OperationType.DEPLOY || type == OperationType.ROLLBACK ? api.deployDeadline()
                : operations.fetchDeadline();
    }

    private static Duration shorter(Duration requested, Duration limit) {
        return requested != null && requested.compareTo(limit) < 0 ? requested : limit;
    }
}
