package dev.lightdevops.worker.execution;

import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.worker.deploy.DeployTarget;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one command to a terminal snapshot: {@code running} with progress as the executor advances, then
 * {@code succeeded} or {@code failed}. Every snapshot is published before the next step.
 */
@Component
public class OperationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);

    private final DeployTarget deployTarget;
    private final StatusPublisher status;
    private final Clock clock;

    OperationRunner(DeployTarget deployTarget, StatusPublisher status, Clock clock) {
        this.deployTarget = deployTarget;
        this.status = status;
        this.clock = clock;
    }

    public Operation run(Command command) throws InterruptedException {
        Operation queued = command.operation();
        AtomicReference<Operation> latest = new AtomicReference<>(
                queued.running(queued.attempt(), new Progress(0, "starting", "picked up by a worker"), clock.instant()));
        status.publish(latest.get());
        ProgressListener progress = step -> {
            latest.set(latest.get().running(queued.attempt(), step, clock.instant()));
            status.publish(latest.get());
        };
        Operation terminal;
        try {
            Map<String, Object> result = execute(latest.get(), progress);
            terminal = latest.get().succeeded(result, clock.instant());
        } catch (UnsupportedOperationException unsupported) {
            terminal = latest.get().ended(OperationStatus.FAILED,
                    new OperationError("unsupported", unsupported.getMessage(), false), clock.instant());
        }
        status.publish(terminal);
        log.info("operation {} ({} {}) ended {}", terminal.id(), terminal.type().wireName(),
                terminal.target() == null ? "" : terminal.target().key(), terminal.status().wireName());
        return terminal;
    }

    private Map<String, Object> execute(Operation operation, ProgressListener progress)
            throws InterruptedException {
        if (operation.type() == OperationType.DEPLOY) {
            return deployTarget.deploy(operation, progress);
        }
        throw new UnsupportedOperationException("this worker cannot execute " + operation.type().wireName());
    }
}
