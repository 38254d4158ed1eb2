package dev.lightdevops.api.mcp;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One SSE response of the MCP endpoint: JSON-RPC messages as {@code data:} events, closed after the final response.
 * Sends are serialized (snapshots arrive on Kafka listener threads while the request thread may still be sending),
 * and nothing is sent once the stream ended, whichever side ended it.
 */
final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final SseEmitter emitter;
    private final JsonMapper json;
    private final AtomicBoolean ended = new AtomicBoolean();

    EventStream(SseEmitter emitter, JsonMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    synchronized boolean send(Object message) {
        if (ended.get()) {
            return false;
        }
        try {
            emitter.send(SseEmitter.event().name("message").data(json.writeValueAsString(message)));
            return true;
        } catch (IOException | IllegalStateException gone) {
            log.debug("an MCP event stream closed early: {}", gone.toString());
            end();
            return false;
        }
    }

    /** Sends the final response, then closes the stream. */
    synchronized void finish(Object response) {
        if (send(response)) {
            end();
        }
    }

    synchronized void end() {
        if (ended.compareAndSet(false, true)) {
            emitter.complete();
        }
    }

    boolean ended() {
        return ended.get();
    }

    /** Called when the client went away or the container ended the stream: never send on it again. */
    void markEnded() {
        ended.set(true);
    }
}
