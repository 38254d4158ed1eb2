package dev.lightdevops.worker.execution;

import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
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

    private final Map<OperationType, OperationExecutor> executors;
    private final StatusPublisher status;
    private final Clock clock;

    OperationRunner(List<OperationExecutor> executors, StatusPublisher status, Clock clock) {
        this.executors = executors.stream()
                .collect(Collectors.toUnmodifiableMap(OperationExecutor::type, Function.identity()));
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
            Map<String, Object> result = executorFor(queued.type()).execute(latest.get(), progress);
            terminal = latest.get().succeeded(result, clock.instant());
        } catch (OperationFailedException failure) {
            terminal = latest.get().ended(OperationStatus.FAILED, failure.toError(), clock.instant());
        }
        status.publish(terminal);
        log.info("operation {} ({} {}) ended {}", terminal.id(), terminal.type().wireName(),
                terminal.target() == null ? "" : terminal.target().key(), terminal.status().wireName());
        return terminal;
    }

    private OperationExecutor executorFor(OperationType type) {
        OperationExecutor executor = executors.get(type);
        if (executor == null) {
            throw new OperationFailedException("unsupported", "this worker cannot execute " + type.wireName(), false);
        }
        return executor;
    }
}
