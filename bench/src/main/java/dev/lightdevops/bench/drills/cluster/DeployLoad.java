package dev.lightdevops.bench.drills.cluster;

import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.process.ChildProcess;
import dev.lightdevops.bench.process.Stack;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The clients of a cluster drill: {@code deploys} deploys over {@code targets} targets, started at a fixed rate
 * (open loop, one virtual thread each) and spread over the api instances. Each carries an idempotency key and
 * behaves as a careful client: on a retryable error, an "outcome unknown" or no answer it tries again with the same
 * key, on another instance when its own is gone, until it is accepted or its budget is spent. Every call is
 * recorded, and named in the api's access log by its {@value Stack#CALL_HEADER} header ({@code <deploy>-<attempt>});
 * right after an acceptance the operation is read on the reader instance (read-your-writes).
 */
final class DeployLoad {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    /** One api instance as the clients see it. */
    record Instance(String name, ApiClient client, ChildProcess process) {
    }

    /** One HTTP call of a deploy: which attempt, where, when (System.nanoTime) and what came back. */
    record Call(int deploy, int attempt, String instance, long sentNanos, long answeredNanos, Outcome outcome) {

        Duration took() {
            return Duration.ofNanos(answeredNanos - sentNanos);
        }
    }

    /** One deploy: its idempotency key, its target and the id it was finally accepted as (null: never). */
    record Deploy(int index, String key, String target, String id) {
    }

    /** The read of an accepted operation on the reader instance right after its acceptance. */
    record Read(int deploy, String id, int status) {
    }

    private final List<Instance> instances;
    private final Instance reader;
    private final int deploys;
    private final int targets;
    private final double rate;
    private final Duration budget;
    private final String run;
    private final String servicePrefix;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Read> reads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicLong callNumbers = new AtomicLong();
    /** The calls not answered yet: the instance each went to and when it was sent (System.nanoTime). */
    private final Map<Long, OpenCall> open = new ConcurrentHashMap<>();
    private volatile boolean done;

    DeployLoad(List<Instance> instances, Instance reader, int deploys, int targets, double rate, Duration budget,
            String run, String servicePrefix) {
        this.instances = List.copyOf(instances);
        this.reader = reader;
        this.deploys = deploys;
        this.targets = targets;
        this.rate = rate;
        this.budget = budget;
        this.run = run;
        this.servicePrefix = servicePrefix;
    }

    /** Runs every deploy to its acceptance (or the end of its budget); returns them in order. */
    List<Deploy> run() throws InterruptedException {
        long start = System.nanoTime();
        Deploy[] results = new Deploy[deploys];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < deploys; i++) {
            LockSupport.parkNanos(start + (long) (i * 1e9 / rate) - System.nanoTime());
            int index = i;
            sent.incrementAndGet();
            threads.add(Thread.ofVirtual().name("deploy-" + i).start(() -> results[index] = deploy(index)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        done = true;
        return List.of(results);
    }

    private Deploy deploy(int index) {
        String key = run + "-" + index;
        String service = servicePrefix + (index % targets);
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + index + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"deploy_service\",\"arguments\":{\"service\":\"" + service + "\",\"version\":\"1.0." + index
                + "\",\"environment\":\"staging\",\"idempotency_key\":\"" + key + "\"}}}";
        long giveUpAt = System.nanoTime() + budget.toNanos();
        Instance instance = instances.get(index % instances.size());
        for (int attempt = 1; System.nanoTime() < giveUpAt; attempt++) {
            if (!instance.process().alive()) {
                instance = anotherAlive(instance);
            }
            long sentAt = System.nanoTime();
            Outcome outcome = call(instance, body, index + "-" + attempt);
            calls.add(new Call(index, attempt, instance.name(), sentAt, System.nanoTime(), outcome));
            if (outcome instanceof Outcome.Accepted(String id)) {
                read(index, id);
                return new Deploy(index, key, service + "@staging", id);
            }
            if (outcome instanceof Outcome.NoAnswer) {
                instance = anotherAlive(instance);
            }
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
        return new Deploy(index, key, service + "@staging", null);
    }

    private Outcome call(Instance instance, String body, String name) {
        long number = callNumbers.incrementAndGet();
        open.put(number, new OpenCall(instance.name(), System.nanoTime()));
        try {
            HttpResponse<String> answer = instance.client().send(instance.client().post("/mcp", body)
                    .header(Stack.CALL_HEADER, name).timeout(CALL_TIMEOUT).build());
            return Outcome.of(answer);
        } catch (IOException failed) {
            return new Outcome.NoAnswer(failed.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Outcome.NoAnswer("interrupted");
        } finally {
            open.remove(number);
        }
    }

    private void read(int index, String id) {
        int status;
        try {
            status = reader.client().send(reader.client().get("/api/v1/operations/" + id, READ_TIMEOUT).build())
                    .statusCode();
        } catch (IOException failed) {
            status = -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        reads.add(new Read(index, id, status));
    }

    private Instance anotherAlive(Instance current) {
        for (Instance other : instances) {
            if (other != current && other.process().alive()) {
                return other;
            }
        }
        return current;
    }

    int sent() {
        return sent.get();
    }

    int inFlight() {
        return open.size();
    }

    /** When the oldest call still waiting for {@code instance}'s answer was sent (System.nanoTime), if any. */
    OptionalLong oldestOpenCall(Instance instance) {
        return open.values().stream().filter(call -> call.instance().equals(instance.name()))
                .mapToLong(OpenCall::sentNanos).min();
    }

    private record OpenCall(String instance, long sentNanos) {
    }

    boolean done() {
        return done;
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    List<Read> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }
}
