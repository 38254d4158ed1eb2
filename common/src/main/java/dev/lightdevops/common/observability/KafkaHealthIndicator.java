package dev.lightdevops.common.observability;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Kafka reachability, part of readiness: the cluster must describe itself (id and live brokers) within a short
 * timeout. An app that cannot reach Kafka can accept nothing durable and execute nothing, so it should get no traffic.
 * The check runs in the background every {@code kafka-health-interval}; a probe (or {@code GET /health}) answers the
 * latest result at once, so probes cost no Kafka round trip and cannot pile up.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

    private final Admin admin;
    private final ObservabilityProperties settings;
    private final ScheduledExecutorService refresher =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("kafka-health").factory());
    private volatile Health latest;

    public KafkaHealthIndicator(Admin admin, ObservabilityProperties settings) {
        super("Kafka is not reachable");
        this.admin = admin;
        this.settings = settings;
        refresher.scheduleWithFixedDelay(this::refresh, 0, settings.kafkaHealthInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Health known = latest;
        if (known == null) {
            refresh();
            known = latest;
        }
        builder.status(known.getStatus()).withDetails(known.getDetails());
    }

    private void refresh() {
        try {
            latest = check();
        } catch (Exception unreachable) {
            latest = Health.down(unreachable).build();
        }
    }

    private Health check() throws Exception {
        long timeout = settings.kafkaHealthTimeout().toMillis();
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout));
        String clusterId = cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS);
        int brokers = cluster.nodes().get(timeout, TimeUnit.MILLISECONDS).size();
        return (brokers > 0 ? Health.up() : Health.down()).withDetail("cluster_id", clusterId)
                .withDetail("brokers", brokers).build();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
