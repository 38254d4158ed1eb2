package dev.lightdevops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void percentilesOfAUniformSpreadInMilliseconds() {
        Latency latency = new Latency();
        for (int millis = 1; millis <= 1000; millis++) {
            latency.recordNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        }

        assertThat(latency.count()).isEqualTo(1000);
        assertThat(latency.millisAt(50)).isCloseTo(500, within(1.0));
        assertThat(latency.millisAt(99)).isCloseTo(990, within(1.0));
        assertThat(latency.millisAt(99.9)).isCloseTo(999, within(1.0));
        assertThat(latency.maxMillis()).isCloseTo(1000, within(1.0));
    }

    @Test
    void addedDistributionsMergeAndEmptyOnesHaveNoPercentile() {
        Latency one = new Latency();
        Latency other = new Latency();
        one.recordNanos(TimeUnit.MILLISECONDS.toNanos(2));
        other.recordNanos(TimeUnit.MILLISECONDS.toNanos(4));

        one.add(other);

        assertThat(one.count()).isEqualTo(2);
        assertThat(one.maxMillis()).isCloseTo(4, within(0.01));
        assertThat(new Latency().millisAt(50)).isNaN();
    }

    @Test
    void throughputCountsOnlySuccessfulCallsOverTheWindow() {
        Latency latency = new Latency();
        latency.recordNanos(1_000_000);
        LoadResult result = new LoadResult(500, 20, 2.0, latency, null);

        assertThat(result.throughput()).isEqualTo(250.0);
    }
}
