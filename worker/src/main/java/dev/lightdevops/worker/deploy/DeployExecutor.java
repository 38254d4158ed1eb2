package dev.lightdevops.worker.deploy;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.worker.execution.OperationExecutor;
import dev.lightdevops.worker.execution.ProgressListener;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Executes deploy operations through the configured {@link DeployTarget}. */
@Component
class DeployExecutor implements OperationExecutor {

    private final DeployTarget target;

    DeployExecutor(DeployTarget target) {
        this.target = target;
    }

    @Override
    public OperationType type() {
        return OperationType.DEPLOY;
    }

    @Override
    public Map<String, Object> execute(Operation operation, ProgressListener progress) throws InterruptedException {
        return target.deploy(operation, progress);
    }
}
