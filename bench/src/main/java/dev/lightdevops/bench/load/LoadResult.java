package dev.lightdevops.bench.load;

/**
 * What one measured run produced: successful calls per second over the measured window and their latency.
 *
 * @param ok successful calls completed in the window
 * @param errors failed calls in the window
 * @param seconds length of the measured window
 * @param latency latency of the successful calls
 * @param firstError the first failure seen, to say why (null when none)
 */
public record LoadResult(long ok, long errors, double seconds, Latency latency, String firstError) {

    public double throughput() {
        return seconds <= 0 ? 0 : ok / seconds;
    }

    public double p50() {
        return latency.millisAt(50);
    }

    public double p99() {
        return latency.millisAt(99);
    }

    public double p999() {
        return latency.millisAt(99.9);
    }

    @Override
    public String toString() {
        return String.format("%,.0f/s ok=%d err=%d p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.1fms%s", throughput(), ok,
                errors, p50(), p99(), p999(), latency.maxMillis(), firstError == null ? "" : " first error: " + firstError);
    }
}
