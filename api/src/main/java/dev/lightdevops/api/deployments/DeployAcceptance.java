package dev.lightdevops.api.deployments;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.operations.OperationAcceptance;
import dev.lightdevops.api.operations.ProposedOperation;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.tool.DeployArguments;
import dev.lightdevops.common.tool.ToolCatalogue;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Accepts a deploy: validates its arguments, then hands it to {@link OperationAcceptance} (authorization, idempotency,
 * deadline, publishing, audit). Validation happens before anything is published.
 */
@Service
public class DeployAcceptance {

    private final OperationAcceptance acceptance;

    DeployAcceptance(OperationAcceptance acceptance) {
        this.acceptance = acceptance;
    }

    public Operation accept(Map<String, Object> arguments, Caller caller) {
        DeployArguments request = DeployArguments.from(arguments);
        String environment = request.environment().wireName();
        return acceptance.accept(new ProposedOperation(ToolCatalogue.DEPLOY_SERVICE, OperationType.DEPLOY,
                request.target(), request.target().key(), request.asRecorded(),
                "Deploy of " + request.service() + " " + request.version() + " to " + environment,
                request.idempotencyKey(),
                request.timeoutSeconds() == null ? null : Duration.ofSeconds(request.timeoutSeconds())), caller);
    }
}
