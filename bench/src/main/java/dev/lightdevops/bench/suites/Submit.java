package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.load.ApiClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/** Sends a batch of deploys as fast as a few clients can and returns the accepted operation ids. */
public final class Submit {

    private Submit() {
    }

    /** {@code body.apply(i)} is the MCP request for deploy i; throws if any deploy was not accepted. */
    public static List<String> deploys(ApiClient client, int count, int clients, LongFunction<String> body)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long sequence = i;
                answers.add(pool.submit(() -> ApiClient.acceptedOperationId(
                        client.send(client.post("/mcp", body.apply(sequence)).build()))));
            }
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            for (Future<String> answer : answers) {
                String id = answer.get();
                if (id == null) {
                    throw new IllegalStateException("a deploy was not accepted");
                }
                ids.add(id);
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }
}
