package dev.lightdevops.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.common.operation.Progress;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The seed routes' {@code success} flag is never true for an operation that did not succeed. */
class SeedAnswersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @ParameterizedTest
    @EnumSource(value = OperationStatus.class, names = {"FAILED", "CANCELLED", "TIMED_OUT"})
    void unsuccessfulOperationIsAProblemWithSuccessFalseAndItsId(OperationStatus status) {
        Operation ended = queued().running(1, new Progress(50, "fetch", "half"), NOW)
                .ended(Outcome.unsuccessful(status, new OperationError("upstream", "Datadog answered 500", true)), NOW);

        ResponseEntity<Object> answer = SeedAnswers.fetched(ended);

        assertThat(answer.getStatusCode().value()).isEqualTo(502);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getProperties()).containsEntry("success", false)
                .containsEntry("operation_id", ended.id()).containsEntry("status", status.wireName());
    }

    @Test
    void succeededOperationIsASuccessWithItsData() {
        Operation done = queued().running(1, null, NOW).succeeded(Map.of("lines", 3), NOW);

        ResponseEntity<Object> answer = SeedAnswers.fetched(done);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) answer.getBody();
        assertThat(body).containsEntry("success", true).containsEntry("operation_id", done.id())
                .containsEntry("data", Map.of("lines", 3));
    }

    @Test
    void operationStillRunningIsAcceptedWithAPlaceholderNotData() {
        Operation running = queued().running(1, new Progress(10, "fetch", "started"), NOW);

        ResponseEntity<Object> answer = SeedAnswers.fetched(running);

        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) answer.getBody();
        assertThat(body).containsEntry("status", "running").containsEntry("placeholder", true).doesNotContainKey("data");
    }

    private static Operation queued() {
        return Operation.queued(OperationIds.next(), OperationType.FETCH_LOGS, null, Map.of("service", "checkout"),
                Map.of("placeholder", true), "alice", "acme", null, NOW, NOW.plusSeconds(60), null);
    }
}
