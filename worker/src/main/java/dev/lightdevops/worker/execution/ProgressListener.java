package dev.lightdevops.worker.execution;

import dev.lightdevops.common.operation.Progress;

/** Receives the progress of a running operation; each report becomes a {@code running} snapshot. */
@FunctionalInterface
public interface ProgressListener {

    void report(Progress progress);
}
