package dev.lightdevops.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void agesCountBackFromNowAndInstantsAreTakenAsTheyAre() {
        HistoryFilter filter = HistoryFilter.parse(null, null, null, null, "24h", "2026-12-01T11:00:00Z", null, null,
                null, null, NOW);

        assertThat(filter.since()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(filter.until()).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
    }

    @Test
    void aPageTokenNamesTheSamePositionToTheMicrosecond() {
        HistoryFilter.Cursor cursor = new HistoryFilter.Cursor(Instant.parse("2026-12-01T08:00:00.123456Z"), "op-1");

        assertThat(HistoryFilter.Cursor.parse(cursor.token())).isEqualTo(cursor);
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> HistoryFilter.parse(null, null, null, null, "1h", "2h", null, null, null, null, NOW))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("since");
    }

    @Test
    void theVersionLiveBeforeAnEntryIsTheNextOlderOneThatWentLive() {
        List<DeploymentEvent> newestFirst = List.of(event("1.3.0", "live"), event("1.2.0", "failed"),
                event("1.1.0", "live"), event("1.0.0", "live"));

        assertThat(HistoryWriter.liveBefore(newestFirst, 0)).isEqualTo("1.1.0");
        assertThat(HistoryWriter.liveBefore(newestFirst, 1)).isEqualTo("1.1.0");
        assertThat(HistoryWriter.liveBefore(newestFirst, 3)).isNull();
    }

    private static DeploymentEvent event(String version, String outcome) {
        return new DeploymentEvent("deploy", version, outcome, "op-" + version, null, "simulated", "alice", "w", NOW);
    }
}
