package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.operation.Target;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationLinesTest {

    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    private final Operation queued = Operation.queued(OperationIds.next(), OperationType.DEPLOY,
            new Target("checkout", "staging"), Map.of("service", "checkout", "version", "1.4.2", "environment",
                    "staging"), Map.of("placeholder", true), "mallory\u202Eecila", "local", null, t0,
            t0.plusSeconds(600), null);

    @Test
    void anAcceptedDeploySaysWhatWhereWhoAndItsIdWithTheRequesterEscaped() {
        String line = OperationLines.describe(queued, null).orElseThrow();

        assertThat(line).contains("accepted", "deploy checkout 1.4.2 to staging", "mallory\\u202Eecila", queued.id())
                .doesNotContain("\u202E");
    }

    @Test
    void progressWithinAnAttemptIsNotNarratedButANewAttemptIs() {
        Operation running = queued.running(1, new Progress(10, "validate", ""), t0.plusSeconds(1));
        Operation further = running.running(1, new Progress(40, "rolling_update", ""), t0.plusSeconds(3));
        Operation retry = further.running(2, new Progress(0, "starting", ""), t0.plusSeconds(5));

        assertThat(OperationLines.describe(running, queued)).hasValueSatisfying(line -> assertThat(line)
                .contains("running").doesNotContain("attempt"));
        assertThat(OperationLines.describe(further, running)).isEmpty();
        assertThat(OperationLines.describe(retry, further)).hasValueSatisfying(line -> assertThat(line)
                .contains("running", "(attempt 2)"));
    }

    @Test
    void anEndSaysHowItEndedAndHowLongItTook() {
        Operation failed = queued.ended(new Outcome.Failed(new OperationError("health_check_failed",
                "3.0.0 did not become healthy", false)), t0.plusSeconds(12));

        assertThat(OperationLines.describe(failed, queued)).hasValueSatisfying(line -> assertThat(line)
                .contains("failed", "after 12.0 s", "health_check_failed: 3.0.0 did not become healthy"));
    }

    @Test
    void telemetryFetchesAreNarratedOnlyWhenTheyFail() {
        Operation fetch = Operation.queued(OperationIds.next(), OperationType.FETCH_METRICS, new Target("checkout",
                null), Map.of("service", "checkout"), Map.of("placeholder", true), "anonymous", "local", null, t0,
                t0.plusSeconds(60), null);

        assertThat(OperationLines.describe(fetch, null)).isEmpty();
        assertThat(OperationLines.describe(fetch.succeeded(Map.of(), t0.plusSeconds(1)), fetch)).isEmpty();
        assertThat(OperationLines.describe(fetch.ended(new Outcome.Failed(new OperationError(
                "datadog_unavailable", "5xx", true)), t0.plusSeconds(1)), fetch)).hasValueSatisfying(line ->
                assertThat(line).contains("failed", "metrics of checkout", "datadog_unavailable"));
    }
}
