package dev.lightdevops.worker.execution;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import java.util.Map;

/**
 * Executes operations of one type (deploy, rollback, fetch_logs, ...). It reports progress through the listener,
 * returns the result on success, throws {@link OperationFailedException} for a failure it understands (saying
 * whether a retry may help), and stops promptly when its thread is interrupted (cancellation, deadline).
 */
public interface OperationExecutor {

    OperationType type();

    Map<String, Object> execute(Operation operation, ProgressListener progress) throws InterruptedException;
}
