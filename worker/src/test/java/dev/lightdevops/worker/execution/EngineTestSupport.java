package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.common.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/** Publishes operations the way the api does (queued snapshot, then command) and reads back what workers wrote. */
final class EngineTestSupport {

    private EngineTestSupport() {
    }

    static Operation queued(String service, Map<String, Object> request, Instant deadline) {
        Instant now = Instant.now();
        return Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target(service, "staging"), request,
                Map.of("placeholder", true), "alice", "acme", null, now, deadline, null);
    }

    static Operation queued(String service, Map<String, Object> request) {
        return queued(service, request, Instant.now().plusSeconds(300));
    }

    /** What the api does on acceptance: the queued snapshot to ops.status, then the command to ops.commands. */
    static Operation accept(Operation queued) {
        send(Topics.STATUS, queued.id(), ContractJson.write(queued));
        send(Topics.COMMANDS, queued.target().key(), ContractJson.write(new Command(queued.target().key(), queued)));
        return queued;
    }

    static void send(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    static int partitionOf(String key) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            int partitions = producer.partitionsFor(Topics.COMMANDS).size();
            return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
        }
    }

    static List<Operation> snapshotsOf(String id) {
        return TopicProbe.readAll(Topics.STATUS).stream()
                .filter(record -> id.equals(record.key()) && record.value() != null)
                .map(record -> ContractJson.read(record.value(), Operation.class))
                .toList();
    }

    static Optional<Operation> terminalOf(String id) {
        return snapshotsOf(id).stream().filter(Operation::isTerminal).findFirst();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
