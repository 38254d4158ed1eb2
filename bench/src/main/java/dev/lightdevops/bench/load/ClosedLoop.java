package dev.lightdevops.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * N clients, each sending its next request as soon as the previous one answered, for a warm-up and then a measured
 * window. Only calls that start and end inside the window count.
 */
public final class ClosedLoop {

    /** One request; true when it succeeded. */
    @FunctionalInterface
    public interface Call {
        boolean call(int client, long sequence) throws Exception;
    }

    private ClosedLoop() {
    }

    public static LoadResult run(int clients, Duration warmUp, Duration measured, Call call)
            throws InterruptedException {
        long start = System.nanoTime();
        long windowStart = start + warmUp.toNanos();
        long windowEnd = windowStart + measured.toNanos();
        AtomicLong errors = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Latency> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Latency latency = new Latency();
            latencies.add(latency);
            Thread thread = new Thread(() -> {
                while (true) {
                    long begin = System.nanoTime();
                    if (begin >= windowEnd) {
                        return;
                    }
                    boolean ok;
                    String failure = null;
                    try {
                        ok = call.call(client, sequence.incrementAndGet());
                        if (!ok) {
                            failure = "call reported failure";
                        }
                    } catch (Exception e) {
                        ok = false;
                        failure = e.toString();
                    }
                    long end = System.nanoTime();
                    if (begin >= windowStart && end <= windowEnd) {
                        if (ok) {
                            latency.recordNanos(end - begin);
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, failure);
                        }
                    }
                }
            }, "client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(measured.plus(warmUp).plusSeconds(60).toMillis());
        }
        Latency all = new Latency();
        latencies.forEach(all::add);
        return new LoadResult(all.count(), errors.get(), measured.toNanos() / 1e9, all, firstError.get());
    }
}
