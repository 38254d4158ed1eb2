package dev.lightdevops.worker.execution;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * A graceful stop lets running operations finish before the worker leaves the group: consumption pauses, commands
 * not started yet stay uncommitted (the partitions' next owner runs them), and the stop waits up to
 * {@code shutdown-grace} for the running ones. Whatever still runs after that is handed over like after a crash
 * (attempt N+1 elsewhere). Stops before the listener containers ({@code MAX_VALUE - 100}).
 */
@Component
class GracefulDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulDrain.class);

    private final RunningOperations running;
    private final KafkaListenerEndpointRegistry registry;
    private final EngineProperties settings;
    private volatile boolean started;
    private volatile boolean draining;

    GracefulDrain(RunningOperations running, KafkaListenerEndpointRegistry registry, EngineProperties settings) {
        this.running = running;
        this.registry = registry;
        this.settings = settings;
    }

    /** Whether the worker is stopping: commands not started yet must not start. */
    boolean draining() {
        return draining;
    }

    @Override
    public void start() {
        draining = false;
        started = true;
    }

    @Override
    public void stop() {
        draining = true;
        var container = registry.getListenerContainer(CommandListener.ID);
        if (container != null) {
            container.pause();
        }
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (running.count() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Duration.ofMillis(50).toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (running.count() > 0) {
            log.warn("{} operations still running after {}; handing them over", running.count(),
                    settings.shutdownGrace());
        }
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
