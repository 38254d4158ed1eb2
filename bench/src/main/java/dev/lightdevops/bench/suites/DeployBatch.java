package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.load.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/** Sends a batch of deploys as fast as a few clients can and returns the accepted operation ids. */
public final class DeployBatch {

    private DeployBatch() {
    }

    /**
     * Sends one deploy; a refusal (say, Kafka slow to answer on a freshly started stack) is retried up to 5 times,
     * as a client would after a retryable error.
     */
    static String acceptWithRetries(ApiClient client, String body) throws Exception {
        String last = "";
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                java.net.http.HttpResponse<String> answer = client.send(client.post("/mcp", body).build());
                String id = ApiClient.acceptedOperationId(answer);
                if (id != null) {
                    return id;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("a deploy was not accepted after 5 tries; last answer: "
                + last.substring(0, Math.min(300, last.length())));
    }

    /**
     * Sends deploys from {@code clients} clients, each one after the other, until {@code duration} has passed;
     * returns the accepted ids. For warming a stack up, so a deploy that is not accepted is skipped, not retried.
     */
    public static List<String> deploysFor(ApiClient client, Duration duration, int clients, LongFunction<String> body)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong sequence = new AtomicLong();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            senders.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    try {
                        String id = ApiClient.acceptedOperationId(
                                client.send(client.post("/mcp", body.apply(sequence.getAndIncrement())).build()));
                        if (id != null) {
                            ids.add(id);
                        }
                    } catch (java.io.IOException | InterruptedException notAnswered) {
                        return;
                    }
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        return ids;
    }

    /** {@code body.apply(i)} is the MCP request for deploy i; throws if any deploy was not accepted. */
    public static List<String> deploys(ApiClient client, int count, int clients, LongFunction<String> body)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long sequence = i;
                answers.add(pool.submit(() -> acceptWithRetries(client, body.apply(sequence))));
            }
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }
}
