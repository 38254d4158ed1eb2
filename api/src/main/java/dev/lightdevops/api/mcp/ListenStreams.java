package dev.lightdevops.api.mcp;

import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.common.operation.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 2026-07-28 {@code subscriptions/listen}: a long-lived SSE response that first acknowledges the subset of the filter
 * this server honours, then sends {@code notifications/resources/updated} whenever a subscribed operation resource
 * ({@code devops://operations/{id}}) changes. Tool, prompt and resource lists never change here, so those
 * subscriptions are not acknowledged. The stream ends with the listen result after
 * {@code devops.mcp.stream-timeout}, and the client opens another.
 */
@Component
class ListenStreams {

    private static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
    private static final String OPERATION_PREFIX = ResourceMethods.OPERATIONS + "/";

    private final OperationView view;
    private final McpProperties settings;
    private final JsonMapper json;

    ListenStreams(OperationView view, McpProperties settings, JsonMapper json) {
        this.view = view;
        this.settings = settings;
        this.json = json;
    }

    /** Validates the filter before any stream is opened, so bad input gets a plain JSON-RPC error. */
    List<String> subscribedOperations(McpRequest request) {
        JsonNode filter = request.params().get("notifications");
        if (filter == null || !filter.isObject()) {
            throw JsonRpcException.invalidParams("subscriptions/listen needs params.notifications, an object such "
                    + "as {\"resourceSubscriptions\": [\"devops://operations/<id>\"]}");
        }
        JsonNode uris = filter.get("resourceSubscriptions");
        if (uris == null || uris.isNull()) {
            return List.of();
        }
        if (!uris.isArray()) {
            throw JsonRpcException.invalidParams("notifications.resourceSubscriptions must be an array of URIs");
        }
        return uris.valueStream().filter(JsonNode::isString).map(JsonNode::asString)
                .filter(uri -> uri.startsWith(OPERATION_PREFIX) && uri.length() > OPERATION_PREFIX.length())
                .distinct().toList();
    }

    SseEmitter open(McpRequest request, List<String> uris) {
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        EventStream stream = new EventStream(emitter, json);
        Map<String, Object> meta = Map.of(SUBSCRIPTION_ID, request.id());
        Map<String, Object> honoured = new LinkedHashMap<>();
        if (!uris.isEmpty()) {
            honoured.put("resourceSubscriptions", uris);
        }
        stream.send(JsonRpcMessage.notification("notifications/subscriptions/acknowledged",
                Map.of("notifications", honoured, "_meta", meta)));
        AtomicReference<AutoCloseable> subscription = new AtomicReference<>(view.subscribe(snapshot -> {
            String uri = OPERATION_PREFIX + snapshot.id();
            if (uris.contains(uri) && visible(snapshot, request)) {
                stream.send(JsonRpcMessage.notification("notifications/resources/updated",
                        Map.of("uri", uri, "_meta", meta)));
            }
        }));
        Runnable unsubscribe = () -> {
            AutoCloseable handle = subscription.getAndSet(null);
            if (handle != null) {
                try {
                    handle.close();
                } catch (Exception impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        };
        emitter.onCompletion(() -> {
            unsubscribe.run();
            stream.markEnded();
        });
        emitter.onError(failure -> {
            unsubscribe.run();
            stream.markEnded();
        });
        emitter.onTimeout(() -> {
            unsubscribe.run();
            stream.finish(JsonRpcMessage.result(request.id(), new McpResult.ListenEnded(meta)));
        });
        return emitter;
    }

    private static boolean visible(Operation operation, McpRequest request) {
        return TaskMethods.visibleTo(operation, request.caller());
    }
}
