package dev.lightdevops.bench.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests started at a fixed rate whatever the answers (open loop), so a slow system cannot slow the load down and
 * hide its own latency (coordinated omission): each latency is measured from the intended start time.
 */
public final class OpenLoop {

    /** Starts one asynchronous request; the future completes with true when it succeeded. */
    @FunctionalInterface
    public interface AsyncCall {
        CompletableFuture<Boolean> start(long sequence);
    }

    private OpenLoop() {
    }

    public static LoadResult run(double perSecond, Duration warmUp, Duration measured, Duration drain,
            AsyncCall call) throws InterruptedException {
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long windowStart = start + warmUp.toNanos();
        long windowEnd = windowStart + measured.toNanos();
        Latency latency = new Latency();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Phaser inFlight = new Phaser(1);
        for (long i = 0; ; i++) {
            long intended = start + i * interval;
            if (intended >= windowEnd) {
                break;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean measuredCall = intended >= windowStart;
            inFlight.register();
            CompletableFuture<Boolean> future;
            try {
                future = call.start(i);
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            future.whenComplete((ok, failure) -> {
                long end = System.nanoTime();
                if (measuredCall) {
                    synchronized (latency) {
                        if (failure == null && Boolean.TRUE.equals(ok)) {
                            latency.recordNanos(end - intended);
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, failure == null ? "call reported failure" : failure.toString());
                        }
                    }
                }
                inFlight.arriveAndDeregister();
            });
        }
        int phase = inFlight.arrive();
        try {
            inFlight.awaitAdvanceInterruptibly(phase, drain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillRunning) {
            firstError.compareAndSet(null, (inFlight.getUnarrivedParties()) + " calls still running after the drain");
        }
        synchronized (latency) {
            long unfinished = Math.max(0, inFlight.getUnarrivedParties());
            return new LoadResult(latency.count(), errors.get() + unfinished, measured.toNanos() / 1e9, latency,
                    firstError.get());
        }
    }
}
