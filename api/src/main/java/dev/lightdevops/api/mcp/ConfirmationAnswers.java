package dev.lightdevops.api.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Carries a client's answer to a confirmation question (2025-11-25 {@code elicitation/create}) to the api instance
 * that asked, whichever instance the client's answer reached: the instance that receives the JSON-RPC response
 * publishes it to {@code ops.confirmations} under the question id, and every instance reads that topic and hands
 * each answer to the call waiting for it, if it is the one. Correlation is by the question id alone (unguessable,
 * drawn per question), and an answer counts only from the same principal and tenant that was asked.
 */
@Component
class ConfirmationAnswers extends AbstractConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationAnswers.class);
    /** How far back a (re)assigned reader starts: answers to questions still waiting are never older. */
    private static final Duration LOOK_BACK = Duration.ofMinutes(10);

    /** One answer, as published: who gave it, and the JSON-RPC response's {@code result} or {@code error}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reply(String questionId, String principal, String tenant, Map<String, Object> response, Instant at) {
    }

    private record Waiter(String principal, String tenant, CompletableFuture<Map<String, Object>> answer) {
    }

    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;

    ConfirmationAnswers(KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /**
     * The answer to a question about to be asked of {@code asker}, or a future completed with a
     * {@code {"error": ...}} response when none came within {@code wait}.
     */
    CompletableFuture<Map<String, Object>> expect(String questionId, Caller asker, Duration wait) {
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        waiting.put(questionId, new Waiter(asker.principal(), asker.tenant(), answer));
        return answer.completeOnTimeout(Map.of("timed_out", true), wait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, failure) -> waiting.remove(questionId));
    }

    /** A JSON-RPC response POSTed by a client: published for whichever instance asked. */
    void deliver(String questionId, Map<String, Object> response, Caller answerer) {
        Reply reply = new Reply(questionId, answerer.principal(), answerer.tenant(), response, clock.instant());
        try {
            kafka.send(Topics.CONFIRMATIONS, questionId, ContractJson.write(reply)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    log.warn("the answer to confirmation question {} was not written: {}", questionId,
                            failure.toString());
                }
            });
        } catch (RuntimeException failure) {
            log.warn("the answer to confirmation question {} was not written: {}", questionId, failure.toString());
        }
    }

    @KafkaListener(id = "confirmation-answers", containerFactory = "viewListenerFactory",
            topics = Topics.CONFIRMATIONS, groupId = "devops-api-confirmations-#{T(java.util.UUID).randomUUID()}")
    void onReply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            Reply reply = ContractJson.read(record.value(), Reply.class);
            Waiter waiter = waiting.get(reply.questionId());
            if (waiter == null) {
                return;
            }
            if (!waiter.principal().equals(reply.principal()) || !waiter.tenant().equals(reply.tenant())) {
                log.warn("ignoring an answer to confirmation question {} from {} in tenant {}: it was asked of {}",
                        reply.questionId(), reply.principal(), reply.tenant(), waiter.principal());
                return;
            }
            waiter.answer().complete(reply.response() == null ? Map.of() : reply.response());
        } catch (JacksonException | IllegalArgumentException unreadable) {
            log.warn("skipping an unreadable confirmation answer at offset {}: {}", record.offset(),
                    unreadable.getMessage());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToTimestamp(assignments.keySet(), clock.instant().minus(LOOK_BACK).toEpochMilli());
    }
}
