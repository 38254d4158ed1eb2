package dev.lightdevops.common.observability;

import io.micrometer.context.ContextSnapshotFactory;
import java.util.concurrent.Executor;

/**
 * Carries the current observation (and so the trace, and the operation's log context that
 * {@link CommandLogContextHandler} ties to it) to work that runs on another thread. A listener that hands a command to
 * an executor wraps the task: {@code executor.submit(key, CurrentContext.wrap(() -> run(command)))}; the task's log
 * lines then carry the trace id, operation id and principal of the command that started it.
 */
public final class CurrentContext {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private CurrentContext() {
    }

    public static Runnable wrap(Runnable task) {
        return SNAPSHOTS.captureAll().wrap(task);
    }

    /** An executor that runs every task it gets later in the context current now (one capture, many tasks). */
    public static Executor capturedFor(Executor executor) {
        var captured = SNAPSHOTS.captureAll();
        return task -> executor.execute(captured.wrap(task));
    }
}
