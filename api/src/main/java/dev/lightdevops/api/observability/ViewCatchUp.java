package dev.lightdevops.api.observability;

import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.observability.ObservabilityProperties;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Whether this instance's operation view has caught up with {@code ops.status}: read up to the end offsets the topic
 * had when checked (the view's consumer reports its positions to {@link ConsumedPositions}). Until then a poll could
 * miss an operation that exists, so the instance is not ready for traffic. Once caught up it stays so: what comes
 * later is live traffic, not backlog. Bean name {@code operationViewHealthIndicator}: health contributor
 * {@code operationView}, part of readiness.
 */
@Component("operationViewHealthIndicator")
public class ViewCatchUp extends AbstractHealthIndicator {

    private final ConsumedPositions statusPositions;
    private final ObservabilityProperties settings;
    private volatile boolean caughtUp;

    ViewCatchUp(ConsumedPositions statusPositions, ObservabilityProperties settings) {
        super("the operation view could not be checked");
        this.statusPositions = statusPositions;
        this.settings = settings;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        if (!caughtUp) {
            long timeout = settings.kafkaHealthTimeout().toMillis();
            caughtUp = statusPositions.awaitCaughtUp(settings.kafkaHealthTimeout())
                    .get(timeout + 1000, TimeUnit.MILLISECONDS);
        }
        (caughtUp ? builder.up() : builder.outOfService()).withDetail("caught_up", caughtUp);
    }
}
