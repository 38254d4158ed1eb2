package dev.lightdevops.api.dashboard;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.operation.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One browser's feed. Changes are queued per operation id (a burst of progress updates of one operation collapses
 * into its latest snapshot) and written by one drain task at a time on a shared executor, so a slow browser never
 * blocks the Kafka consumer that feeds the view, and each browser sees its events in order.
 */
final class FeedConnection implements Consumer<Operation> {

    private final SseEmitter emitter;
    private final String tenant;
    private final Executor executor;
    private final Map<String, Operation> pending = new LinkedHashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;
    private volatile AutoCloseable subscription;

    FeedConnection(SseEmitter emitter, String tenant, Executor executor) {
        this.emitter = emitter;
        this.tenant = tenant;
        this.executor = executor;
    }

    void subscribedWith(AutoCloseable subscription) {
        this.subscription = subscription;
    }

    @Override
    public void accept(Operation operation) {
        if (closed || !tenant.equals(operation.tenant())) {
            return;
        }
        synchronized (pending) {
            pending.put(operation.id(), operation);
        }
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    void heartbeat() {
        if (!closed && draining.compareAndSet(false, true)) {
            executor.execute(() -> {
                try {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } catch (IOException | IllegalStateException gone) {
                    close();
                } finally {
                    draining.set(false);
                }
                drainIfPending();
            });
        }
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        AutoCloseable open = subscription;
        if (open != null) {
            try {
                open.close();
            } catch (Exception impossible) {
                // the view's subscription handle does not fail
            }
        }
    }

    /** Ends the stream (the server is stopping): the browser reconnects to another instance or later. */
    void complete() {
        close();
        try {
            emitter.complete();
        } catch (IllegalStateException alreadyDone) {
            // the browser went away first
        }
    }

    private void drain() {
        try {
            List<Operation> batch;
            while (!(batch = takePending()).isEmpty() && !closed) {
                for (Operation operation : batch) {
                    emitter.send(SseEmitter.event().name("operation").id(operation.id())
                            .data(new String(ContractJson.write(operation), StandardCharsets.UTF_8),
                                    MediaType.APPLICATION_JSON));
                }
            }
        } catch (IOException | IllegalStateException gone) {
            close();
        } finally {
            draining.set(false);
        }
        drainIfPending();
    }

    private void drainIfPending() {
        boolean more;
        synchronized (pending) {
            more = !pending.isEmpty();
        }
        if (more && !closed && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private List<Operation> takePending() {
        synchronized (pending) {
            List<Operation> batch = new ArrayList<>(pending.values());
            pending.clear();
            return batch;
        }
    }
}
