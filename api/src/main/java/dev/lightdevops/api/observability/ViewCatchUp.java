package dev.lightdevops.api.observability;

import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.observability.ObservabilityProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether this instance's operation view has caught up with {@code ops.status}: read up to the end offsets the topic
 * had when checked (the view's consumer reports its positions to {@link ConsumedPositions}). Until then a poll could
 * miss an operation that exists, so the instance is not ready for traffic. Once caught up it stays so: what comes
 * later is live traffic, not backlog. The check runs on a background thread until it succeeds, so a probe answers
 * at once. Bean name {@code operationViewHealthIndicator}: health contributor {@code operationView}, part of readiness.
 */
@Component("operationViewHealthIndicator")
public class ViewCatchUp extends AbstractHealthIndicator implements SmartLifecycle {

    private final ConsumedPositions statusPositions;
    private final ObservabilityProperties settings;
    private volatile boolean caughtUp;
    private volatile Thread checker;

    ViewCatchUp(ConsumedPositions statusPositions, ObservabilityProperties settings) {
        super("the operation view could not be checked");
        this.statusPositions = statusPositions;
        this.settings = settings;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        (caughtUp ? builder.up() : builder.outOfService()).withDetail("caught_up", caughtUp);
    }

    @Override
    public void start() {
        checker = Thread.ofVirtual().name("view-catch-up").start(() -> {
            try {
                while (!(caughtUp = statusPositions.awaitCaughtUp(settings.kafkaHealthTimeout()).join())) {
                    Thread.sleep(settings.kafkaHealthInterval().toMillis() / 10);
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void stop() {
        Thread running = checker;
        checker = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return checker != null;
    }
}
