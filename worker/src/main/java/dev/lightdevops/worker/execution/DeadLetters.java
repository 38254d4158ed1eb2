package dev.lightdevops.worker.execution;

import dev.lightdevops.common.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes commands that could not be carried out to {@code ops.commands.dlt}: the command as it was, under its key,
 * with the reason in headers ({@code dlt-reason-code}, {@code dlt-reason}, {@code dlt-operation-id},
 * {@code dlt-attempts}) so an operator can inspect and replay it.
 */
@Component
class DeadLetters {

    static final String REASON_CODE = "dlt-reason-code";
    static final String REASON = "dlt-reason";
    static final String OPERATION_ID = "dlt-operation-id";
    static final String ATTEMPTS = "dlt-attempts";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, byte[]> kafka;

    DeadLetters(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    void publish(String key, byte[] command, String operationId, int attempts, String code, String reason) {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.COMMANDS_DLT, key, command);
        letter.headers().add(REASON_CODE, bytes(code)).add(REASON, bytes(reason))
                .add(ATTEMPTS, bytes(String.valueOf(attempts)));
        if (operationId != null) {
            letter.headers().add(OPERATION_ID, bytes(operationId));
        }
        try {
            kafka.send(letter).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            log.warn("dead letter for {} not written (interrupted): {}", operationId, reason);
        } catch (Exception failure) {
            log.warn("dead letter for {} not written: {} ({})", operationId, reason, failure.toString());
        }
    }

    private static byte[] bytes(String text) {
        return String.valueOf(text).getBytes(StandardCharsets.UTF_8);
    }
}
