package dev.lightdevops.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in microseconds (HdrHistogram, 3 significant digits, up to 5 minutes). Not thread-safe:
 * each client records into its own and the results are {@link #add added} at the end.
 */
public final class Latency {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final Histogram histogram = new Histogram(1, HIGHEST_MICROS, 3);

    public void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    public void add(Latency other) {
        histogram.add(other.histogram);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0-100) in milliseconds; NaN when nothing was recorded. */
    public double millisAt(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }

    public double meanMillis() {
        return count() == 0 ? Double.NaN : histogram.getMean() / 1000.0;
    }
}
