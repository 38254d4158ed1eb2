package dev.lightdevops.worker.deploy;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.worker.execution.ProgressListener;
import java.util.Map;

/** Where deploys really happen. Implementations report stages through the listener and return the result. */
public interface DeployTarget {

    Map<String, Object> deploy(Operation operation, ProgressListener progress) throws InterruptedException;
}
