package dev.lightdevops.api.operations;

import dev.lightdevops.common.kafka.ConsumedPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds the start of the api until its view has read all of {@code ops.status} that was there at start (bounded by
 * {@code startup-catch-up-timeout}): started after the Kafka listeners, before the web server, so a freshly started
 * instance does not answer 404 for operations its view has not replayed yet.
 */
@Component
class ViewWarmUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ViewWarmUp.class);

    private final ConsumedPositions statusPositions;
    private final OperationsProperties settings;
    private volatile boolean running;

    ViewWarmUp(ConsumedPositions statusPositions, OperationsProperties settings) {
        this.statusPositions = statusPositions;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (!statusPositions.awaitCaughtUp(settings.startupCatchUpTimeout()).join()) {
            log.warn("the operation view did not catch up with ops.status within {}; serving while it catches up",
                    settings.startupCatchUpTimeout());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the listener containers ({@code MAX_VALUE - 100}), before the web server ({@code MAX_VALUE - 1}). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
