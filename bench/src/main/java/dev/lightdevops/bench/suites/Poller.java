package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.load.ApiClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows an operation to its terminal status with the long-poll {@code GET /api/v1/operations/{id}?wait=10s}. If
 * the api answers at once without a change (long-poll not available), it polls again after 5 ms, and counts it,
 * so the report can say which kind of poller was measured.
 */
final class Poller {

    private static final long QUICK_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

    private final ApiClient client;
    final AtomicLong polls = new AtomicLong();
    final AtomicLong unchangedAtOnce = new AtomicLong();

    Poller(ApiClient client) {
        this.client = client;
    }

    /** Completes with the terminal status. */
    CompletableFuture<String> awaitTerminal(String id, String lastStatus) {
        long sent = System.nanoTime();
        polls.incrementAndGet();
        return client.sendAsync(client.get("/api/v1/operations/" + id + "?wait=10s", Duration.ofSeconds(20)).build())
                .thenCompose(answer -> {
                    String status = answer.statusCode() == 200 ? ApiClient.status(answer.body()) : lastStatus;
                    if (ApiClient.terminal(status)) {
                        return CompletableFuture.completedFuture(status);
                    }
                    if (answer.statusCode() != 200 && answer.statusCode() != 404) {
                        return CompletableFuture.failedFuture(new IllegalStateException(
                                "poll answered " + answer.statusCode() + ": " + answer.body()));
                    }
                    boolean unchanged = status == null || status.equals(lastStatus);
                    if (unchanged && System.nanoTime() - sent < QUICK_NANOS) {
                        unchangedAtOnce.incrementAndGet();
                        return CompletableFuture.supplyAsync(() -> null,
                                CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS))
                                .thenCompose(ignored -> awaitTerminal(id, status));
                    }
                    return awaitTerminal(id, status);
                });
    }
}
