package dev.lightdevops.api.operations;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.common.operation.Operation;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams one operation as Server-Sent Events: its current snapshot at once, then every snapshot that changes it
 * (event {@code operation}, data the full snapshot), and the stream ends after the terminal one. A snapshot is never
 * sent twice, and never one older than the last sent (the view only moves forward).
 */
@Service
public class OperationEvents {

    private final OperationLookup lookup;
    private final OperationView view;
    private final OperationsProperties settings;

    OperationEvents(OperationLookup lookup, OperationView view, OperationsProperties settings) {
        this.lookup = lookup;
        this.view = view;
        this.settings = settings;
    }

    /** Opens the stream; throws {@link OperationNotFoundException} (before any event) when the caller cannot see it. */
    public SseEmitter stream(String id, Caller caller) {
        Operation current = lookup.find(id, caller);
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        AtomicReference<Operation> lastSent = new AtomicReference<>();
        AutoCloseable subscription = view.subscribeTo(id, snapshot -> send(emitter, snapshot, lastSent));
        Runnable unsubscribe = () -> close(subscription);
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(failure -> unsubscribe.run());
        send(emitter, view.find(id).orElse(current), lastSent);
        return emitter;
    }

    private static void send(SseEmitter emitter, Operation snapshot, AtomicReference<Operation> lastSent) {
        synchronized (lastSent) {
            Operation previous = lastSent.get();
            if (previous != null && (previous.isTerminal() || previous.equals(snapshot)
                    || !snapshot.supersedes(previous))) {
                return;
            }
            lastSent.set(snapshot);
            try {
                emitter.send(SseEmitter.event().name("operation").id(snapshot.status().wireName() + "-"
                        + snapshot.attempt() + "-" + snapshot.updatedAt()).data(snapshot, MediaType.APPLICATION_JSON));
                if (snapshot.isTerminal()) {
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException clientGone) {
                emitter.completeWithError(clientGone);
            }
        }
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
