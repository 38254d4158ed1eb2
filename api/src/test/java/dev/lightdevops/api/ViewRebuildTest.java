package dev.lightdevops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The api holds no state of its own: a restarted instance rebuilds its view of operations from ops.status. */
class ViewRebuildTest {

    @Test
    void restartedApiRebuildsItsViewFromTheStatusTopic() throws Exception {
        Instant now = Instant.now();
        Operation queued = Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target("billing", "staging"),
                Map.of("version", "3.1.0"), Map.of("placeholder", true), "anonymous", "local", null, now,
                now.plusSeconds(600), null);
        Operation done = queued.running(1, new Progress(50, "roll_out", ""), now).succeeded(Map.of("version", "3.1.0"),
                now.plusSeconds(1));
        ConfigurableApplicationContext first = ApiTestContexts.start();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.STATUS, queued.id(), ContractJson.write(queued))).get();
            producer.send(new ProducerRecord<>(Topics.STATUS, done.id(), ContractJson.write(done))).get();
        }
        awaitStatus(first, done.id(), "succeeded");
        first.close();

        ConfigurableApplicationContext restarted = ApiTestContexts.start();
        try {
            awaitStatus(restarted, done.id(), "succeeded");
        } finally {
            restarted.close();
        }
    }

    private static void awaitStatus(ConfigurableApplicationContext api, String id, String status) {
        String url = ApiTestContexts.baseUrl(api) + "/api/v1/operations/" + id;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Http.get(url).body()).contains("\"status\":\"" + status + "\""));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
