package dev.lightdevops.api.deployments;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.operations.OperationAcceptance;
import dev.lightdevops.api.operations.OperationLookup;
import dev.lightdevops.api.operations.ProposedOperation;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.tool.Environment;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.common.tool.RollbackArguments;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code rollback_deployment} (permission {@code rollback_<environment>}, checked by the registry's gate): validated
 * here, accepted through the operations pipeline, executed by a worker against what {@code ops.deployments} says was
 * live. A rollback named by the deploy operation it undoes takes that operation's service and environment.
 */
@Component
class RollbackDeploymentTool implements ToolHandler {

    private final OperationAcceptance acceptance;
    private final OperationLookup operations;
    private final ApiProperties settings;

    RollbackDeploymentTool(OperationAcceptance acceptance, OperationLookup operations, ApiProperties settings) {
        this.acceptance = acceptance;
        this.operations = operations;
        this.settings = settings;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.ROLLBACK_DEPLOYMENT).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        RollbackArguments request = RollbackArguments.from(arguments);
        RollbackArguments resolved = request.service() != null ? request
                : resolve(request, operations.find(request.operationId(), caller));
        return ToolResult.accepted(accept(resolved, caller), settings.pollInterval());
    }

    private static RollbackArguments resolve(RollbackArguments request, Operation deploy) {
        if (deploy.type() != OperationType.DEPLOY || deploy.target() == null) {
            throw new InvalidArgumentsException("operation_id", "operation " + deploy.id() + " is a "
                    + deploy.type().wireName() + ", not a deploy; name the deploy to roll back, or the service");
        }
        Environment environment = Environment.fromWireName(deploy.target().environment()).orElseThrow();
        if (request.environment() != environment) {
            throw new InvalidArgumentsException("environment", "operation " + deploy.id() + " deployed to "
                    + environment.wireName() + ", not " + request.environment().wireName());
        }
        return request.resolvedTo(deploy.target().service(), environment);
    }

    private Operation accept(RollbackArguments request, Caller caller) {
        String environment = request.environment().wireName();
        dev.lightdevops.common.operation.Target target =
                new dev.lightdevops.common.operation.Target(request.service(), environment);
        return acceptance.accept(new ProposedOperation(ToolCatalogue.ROLLBACK_DEPLOYMENT, OperationType.ROLLBACK,
                target, target.key(), request.asRecorded(),
                "Rollback of " + request.service() + " in " + environment
                        + (request.targetVersion() == null ? "" : " to " + request.targetVersion()),
                request.idempotencyKey(), null), caller);
    }
}
