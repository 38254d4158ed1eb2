package dev.lightdevops.api.mcp;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code tools/call} that carries a progress token and accepts SSE: the operation's stages are streamed as
 * {@code notifications/progress} (percent of 100, strictly increasing, with the stage as message), then the final
 * {@code CallToolResult} ends the stream. When the stream outlives {@code devops.mcp.stream-timeout} the answer is
 * the operation as it stands, so the client can go on polling. Closing the stream does not cancel the operation: it
 * is durable, and tasks/cancel or cancel_operation stop it. The stream's subscription to the view is made only once
 * the call is accepted, which may be after the stream already closed (client gone, timeout): it is then released at
 * once, so a closed stream never holds a subscriber.
 */
@Component
class ProgressStreams {

    private final OperationView view;
    private final ToolCalls tools;
    private final ApiProperties api;
    private final McpProperties settings;
    private final JsonMapper json;

    ProgressStreams(OperationView view, ToolCalls tools, ApiProperties api, McpProperties settings, JsonMapper json) {
        this.view = view;
        this.tools = tools;
        this.api = api;
        this.settings = settings;
        this.json = json;
    }

    SseEmitter open(McpRequest request, CompletableFuture<ToolResult> call) {
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        attach(emitter, new EventStream(emitter, json), request, call);
        return emitter;
    }

    /** Streams the call's progress and final result on a stream already open (e.g. after a confirmation). */
    void attach(SseEmitter emitter, EventStream stream, McpRequest request, CompletableFuture<ToolResult> call) {
        Subscription subscription = new Subscription();
        AtomicReference<Operation> latest = new AtomicReference<>();
        emitter.onCompletion(() -> close(subscription, stream));
        emitter.onError(failure -> close(subscription, stream));
        emitter.onTimeout(() -> {
            Operation current = latest.get();
            subscription.release();
            if (current != null) {
                stream.finish(response(request, TaskViews.callToolResult(current, api.pollInterval())));
            } else {
                stream.end();
            }
        });
        call.whenComplete((result, failure) -> {
            if (failure != null) {
                stream.finish(errorResponse(request, failure));
                return;
            }
            Optional<Operation> operation = tools.operationOf(result);
            if (operation.isEmpty()) {
                stream.finish(response(request, ToolCalls.callToolResult(result)));
                return;
            }
            follow(operation.get(), request, stream, subscription, latest);
        });
    }

    private void follow(Operation started, McpRequest request, EventStream stream,
            Subscription subscription, AtomicReference<Operation> latest) {
        AtomicInteger lastPercent = new AtomicInteger(-1);
        Consumer<Operation> onChange = snapshot -> {
            if (!snapshot.id().equals(started.id()) || stream.ended()) {
                return;
            }
            latest.accumulateAndGet(snapshot, (seen, next) -> next.supersedes(seen) ? next : seen);
            synchronized (stream) {
                int percent = snapshot.isTerminal() ? 100 : snapshot.progress() == null ? 0
                        : Math.min(99, Math.max(0, snapshot.progress().percent()));
                if (percent > lastPercent.get()) {
                    lastPercent.set(percent);
                    stream.send(JsonRpcMessage.notification("notifications/progress", progress(request, snapshot, percent)));
                }
                if (snapshot.isTerminal()) {
                    subscription.release();
                    stream.finish(response(request, TaskViews.callToolResult(snapshot, api.pollInterval())));
                }
            }
        };
        if (subscription.attach(view.subscribeTo(started.id(), onChange))) {
            onChange.accept(view.find(started.id()).orElse(started));
        }
    }

    private static Map<String, Object> progress(McpRequest request, Operation snapshot, int percent) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("progressToken", request.progressToken());
        params.put("progress", percent);
        params.put("total", 100);
        String stage = snapshot.progress() == null ? null : snapshot.progress().stage();
        String message = snapshot.progress() == null ? null : snapshot.progress().message();
        params.put("message", snapshot.status().wireName() + (stage == null ? "" : ": " + stage)
                + (message == null ? "" : " - " + message));
        return params;
    }

    static JsonRpcMessage.ResultResponse response(McpRequest request, McpResult.CallToolResult result) {
        return JsonRpcMessage.result(request.id(), McpResult.Completed.of(result, request));
    }

    static JsonRpcMessage.ErrorResponse errorResponse(McpRequest request, Throwable failure) {
        return JsonRpcErrors.known(request.id(), JsonRpcErrors.causeOf(failure)).orElseGet(() -> JsonRpcMessage.error(
                request.id(), JsonRpc.INTERNAL_ERROR, "Internal error while calling the tool"));
    }

    private static void close(Subscription subscription, EventStream stream) {
        subscription.release();
        stream.markEnded();
    }

    /** The stream's view subscription: attached once the call is accepted, released once; whichever comes first. */
    private static final class Subscription {

        private static final AutoCloseable RELEASED = () -> { };

        private final AtomicReference<AutoCloseable> handle = new AtomicReference<>();

        /** Holds {@code subscription}, or closes it at once when the stream was already released; says which. */
        boolean attach(AutoCloseable subscription) {
            if (handle.compareAndSet(null, subscription)) {
                return true;
            }
            closeNow(subscription);
            return false;
        }

        void release() {
            AutoCloseable previous = handle.getAndSet(RELEASED);
            if (previous != null) {
                closeNow(previous);
            }
        }

        private static void closeNow(AutoCloseable subscription) {
            try {
                subscription.close();
            } catch (Exception impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
