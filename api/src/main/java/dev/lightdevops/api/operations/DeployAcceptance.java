package dev.lightdevops.api.operations;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.observability.TraceIds;
import dev.lightdevops.api.security.Caller;
import dev.lightdevops.api.security.PermissionDeniedException;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.tool.DeployRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Accepts a deploy: validates it, authorizes it, and publishes it. Validation and authorization happen before
 * anything is published, so a refused call leaves no trace in Kafka's command stream.
 */
@Service
public class DeployAcceptance {

    private final CommandPublisher publisher;
    private final OperationView view;
    private final ApiProperties settings;
    private final Clock clock;

    DeployAcceptance(CommandPublisher publisher, OperationView view, ApiProperties settings, Clock clock) {
        this.publisher = publisher;
        this.view = view;
        this.settings = settings;
        this.clock = clock;
    }

    public CompletableFuture<Operation> accept(Map<String, Object> arguments, Caller caller) {
        DeployRequest request = DeployRequest.from(arguments);
        String permission = "deploy_" + request.environment().wireName();
        if (!caller.may(permission)) {
            throw new PermissionDeniedException(permission, "deploy to " + request.environment().wireName());
        }
        String id = OperationIds.next();
        Instant now = clock.instant();
        Operation queued = Operation.queued(id, OperationType.DEPLOY, request.target(), request.asRecorded(),
                Placeholders.forOperation(id, "Deploy of " + request.service() + " " + request.version() + " to "
                        + request.environment().wireName()),
                caller.principal(), caller.tenant(), request.idempotencyKey(), now,
                now.plus(settings.deployDeadline()), TraceIds.current());
        return publisher.publish(queued, request.target().key()).thenApply(accepted -> {
            view.apply(accepted);
            return accepted;
        });
    }
}
