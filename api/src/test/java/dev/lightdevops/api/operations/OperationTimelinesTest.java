package dev.lightdevops.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.operation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationTimelinesTest {

    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    private final OperationView view = new OperationView();
    private final OperationTimelines timelines = new OperationTimelines(view, new OperationsProperties(
            Duration.ofMinutes(2), Duration.ofHours(24), Duration.ofHours(24), 100_000, Duration.ofMinutes(1),
            Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(2), 100),
            Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC));
    private final Operation queued = Operation.queued(OperationIds.next(), OperationType.DEPLOY,
            new Target("cart", "staging"), Map.of(), Map.of("placeholder", true), "alice", "acme", null, t0,
            t0.plusSeconds(600), null);

    @Test
    void eachStatusAttemptAndStageIsOneStepAndProgressWithinAStageIsNot() {
        view.apply(queued);
        Operation validating = queued.running(1, new Progress(10, "validate", "checking"), t0.plusSeconds(2));
        view.apply(validating);
        view.apply(validating.running(1, new Progress(15, "validate", "still checking"), t0.plusSeconds(3)));
        Operation rolling = validating.running(1, new Progress(40, "rolling_update", "replica 1/3"), t0.plusSeconds(5));
        view.apply(rolling);
        view.apply(rolling.succeeded(Map.of("version", "1.0.0"), t0.plusSeconds(9)));

        List<OperationTimelines.Step> steps = timelines.of(queued.id());

        assertThat(steps).extracting(step -> step.status().wireName() + ":" + step.stage())
                .containsExactly("queued:null", "running:validate", "running:rolling_update", "succeeded:null");
        assertThat(steps.get(1).message()).isEqualTo("still checking");
        assertThat(steps.get(1).at()).isEqualTo(t0.plusSeconds(2));
        assertThat(OperationTimelines.duration(steps, 1, t0.plusSeconds(60))).isEqualTo(Duration.ofSeconds(3));
        assertThat(OperationTimelines.complete(steps)).isTrue();
    }

    @Test
    void aRetryIsANewAttemptWithItsOwnStepsAndARunningLastStepLastsUntilNow() {
        view.apply(queued);
        Operation first = queued.running(1, new Progress(10, "health_check", ""), t0.plusSeconds(1));
        view.apply(first);
        view.apply(first.running(2, new Progress(0, "starting", "attempt 2: retrying"), t0.plusSeconds(4)));

        Map<String, Object> answer = timelines.describe(view.find(queued.id()).orElseThrow());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) answer.get("steps");
        assertThat(steps).extracting(step -> step.get("attempt") + ":" + step.get("stage"))
                .containsExactly("1:null", "1:health_check", "2:starting");
        assertThat(steps.getLast().get("duration_ms")).isEqualTo(56_000L);
        assertThat(answer.get("complete")).isEqualTo(true);
    }

    @Test
    void anOperationWhoseBeginningWasNotSeenIsMarkedIncompleteAndFallsBackToItsTimestamps() {
        Operation failed = queued.running(1, new Progress(10, "validate", ""), t0.plusSeconds(1))
                .ended(new Outcome.Failed(new OperationError("boom", "it broke", false)), t0.plusSeconds(7));

        Map<String, Object> answer = timelines.describe(failed);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) answer.get("steps");
        assertThat(answer.get("complete")).isEqualTo(false);
        assertThat(steps).extracting(step -> step.get("status") + "@" + step.get("at"))
                .containsExactly("queued@" + t0, "running@" + t0.plusSeconds(1), "failed@" + t0.plusSeconds(7));
    }
}
