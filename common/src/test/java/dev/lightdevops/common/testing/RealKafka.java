package dev.lightdevops.common.testing;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per test JVM, shared by every integration test: Testcontainers' Kafka when a Docker engine
 * answers, spring-kafka-test's embedded KRaft broker otherwise. Never a mock. Stopped when the JVM exits.
 */
public final class RealKafka {

    private static final String KAFKA_IMAGE = "apache/kafka:4.2.0";
    private static String bootstrapServers;

    private RealKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = dockerAvailable() ? startContainer() : startEmbedded();
        }
        return bootstrapServers;
    }

    /** Spring properties that point an application context at the shared broker. */
    public static Map<String, Object> springProperties() {
        return Map.of("spring.kafka.bootstrap-servers", bootstrapServers());
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("devops.test.embedded-kafka")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDocker) {
            return false;
        }
    }

    private static String startContainer() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
        return container.getBootstrapServers();
    }

    private static String startEmbedded() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 12)
                .brokerProperties(Map.of(
                        "auto.create.topics.enable", "false",
                        "group.initial.rebalance.delay.ms", "0",
                        "offsets.topic.num.partitions", "4"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        return broker.getBrokersAsString();
    }
}
