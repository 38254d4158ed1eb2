package dev.lightdevops.common.observability;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Kafka reachability, part of readiness: the cluster must describe itself (id and live brokers) within a short
 * timeout. An app that cannot reach Kafka can accept nothing durable and execute nothing, so it should get no traffic.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Admin admin;
    private final ObservabilityProperties settings;

    public KafkaHealthIndicator(Admin admin, ObservabilityProperties settings) {
        super("Kafka is not reachable");
        this.admin = admin;
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        long timeout = settings.kafkaHealthTimeout().toMillis();
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout));
        String clusterId = cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS);
        int brokers = cluster.nodes().get(timeout, TimeUnit.MILLISECONDS).size();
        (brokers > 0 ? builder.up() : builder.down()).withDetail("cluster_id", clusterId).withDetail("brokers", brokers);
    }
}
