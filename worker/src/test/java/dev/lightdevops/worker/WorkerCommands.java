package dev.lightdevops.worker;

import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.common.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Publishes commands to the real broker as the api would, and reads back the operations' snapshots. */
public final class WorkerCommands {

    private WorkerCommands() {
    }

    public static ConfigurableApplicationContext startWorker(String... extraArgs) {
        String[] args = new String[extraArgs.length + 2];
        args[0] = "--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers();
        args[1] = "--devops.worker.simulated-stage-duration=5ms";
        System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
        return WorkerApplication.builder().run(args);
    }

    /** Publishes a command for a new operation and answers the queued snapshot. */
    public static Operation send(OperationType type, Target target, Map<String, Object> request) {
        Instant now = Instant.now();
        Operation queued = Operation.queued(OperationIds.next(), type, target, request, Map.of("placeholder", true),
                "alice", "local", null, now, now.plusSeconds(600), null);
        String key = target.key();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, key, ContractJson.write(new Command(key, queued))))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return queued;
    }

    /** Runs an operation to its terminal snapshot. */
    public static Operation run(OperationType type, Target target, Map<String, Object> request) {
        return awaitTerminal(send(type, target, request).id());
    }

    public static Operation awaitTerminal(String id) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> snapshotsOf(id).stream()
                .filter(Operation::isTerminal).findFirst().orElse(null), terminal -> terminal != null);
    }

    public static List<Operation> snapshotsOf(String id) {
        return TopicProbe.readAll(Topics.STATUS).stream()
                .filter(record -> id.equals(record.key()))
                .map(record -> ContractJson.read(record.value(), Operation.class))
                .toList();
    }
}
