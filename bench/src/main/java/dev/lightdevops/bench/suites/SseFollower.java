package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.load.ApiClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Follows an operation to its terminal status on its Server-Sent Events stream
 * ({@code GET /api/v1/operations/{id}/events}): completes with the status of the first terminal {@code data:} line,
 * then drops the stream. Line-by-line and non-blocking, so one client thread serves many streams at once.
 */
final class SseFollower {

    private final ApiClient client;

    SseFollower(ApiClient client) {
        this.client = client;
    }

    CompletableFuture<String> awaitTerminal(String id) {
        CompletableFuture<String> terminal = new CompletableFuture<>();
        client.sendAsync(client.get("/api/v1/operations/" + id + "/events", Duration.ofSeconds(60))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new TerminalLine(terminal)))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        terminal.completeExceptionally(failure);
                    } else if (response.statusCode() != 200) {
                        terminal.completeExceptionally(new IllegalStateException("events answered "
                                + response.statusCode()));
                    } else {
                        terminal.completeExceptionally(new IllegalStateException("stream ended before the end"));
                    }
                });
        return terminal;
    }

    /** Completes with the first terminal status seen on a data line, and cancels the stream. */
    private static final class TerminalLine implements Flow.Subscriber<String> {
        private final CompletableFuture<String> terminal;
        private Flow.Subscription subscription;

        TerminalLine(CompletableFuture<String> terminal) {
            this.terminal = terminal;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                String status = ApiClient.status(line);
                if (ApiClient.terminal(status) && terminal.complete(status)) {
                    subscription.cancel();
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            terminal.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            terminal.completeExceptionally(new IllegalStateException("stream ended before a terminal status"));
        }
    }
}
