package dev.lightdevops.bench.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of separate processes on loopback: N combined broker+controller nodes with one cluster id and a
 * controller quorum of all N, so that losing any one node leaves a quorum and a leader for every partition. The
 * nodes are formatted and started side by side (none serves before its quorum has a leader).
 */
public final class KafkaCluster implements AutoCloseable {

    private final List<BrokerProcess> brokers;

    private KafkaCluster(List<BrokerProcess> brokers) {
        this.brokers = List.copyOf(brokers);
    }

    public static KafkaCluster start(Path directory, String classpath, int size)
            throws IOException, InterruptedException {
        List<BrokerProcess.Node> nodes = new ArrayList<>();
        Set<Integer> ports = new HashSet<>();
        for (int id = 1; id <= size; id++) {
            BrokerProcess.Node node;
            do {
                node = BrokerProcess.Node.onFreePorts(id);
            } while (node.port() == node.controllerPort() || ports.contains(node.port())
                    || ports.contains(node.controllerPort()));
            ports.add(node.port());
            ports.add(node.controllerPort());
            nodes.add(node);
        }
        String clusterId = Uuid.randomUuid().toString();
        List<BrokerProcess> brokers = new ArrayList<>();
        for (BrokerProcess.Node node : nodes) {
            brokers.add(BrokerProcess.format(directory.resolve("broker-" + node.id()), classpath, clusterId, node,
                    nodes));
        }
        KafkaCluster cluster = new KafkaCluster(brokers);
        brokers.forEach(BrokerProcess::launch);
        for (BrokerProcess broker : brokers) {
            broker.awaitStarted();
        }
        return cluster;
    }

    /** Every node's address: a client needs only one alive to find the others. */
    public String bootstrapServers() {
        return brokers.stream().map(BrokerProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<BrokerProcess> brokers() {
        return brokers;
    }

    public BrokerProcess broker(int id) {
        return brokers.stream().filter(broker -> broker.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker " + id));
    }

    public int size() {
        return brokers.size();
    }

    /** Processes still to be stopped by a shutdown hook. */
    List<ChildProcess> processes() {
        return brokers.stream().map(BrokerProcess::process).toList();
    }

    @Override
    public void close() throws InterruptedException {
        for (BrokerProcess broker : brokers) {
            broker.close();
        }
    }
}
