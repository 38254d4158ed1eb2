package dev.lightdevops.api.dashboard;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.CallerResolver;
import dev.lightdevops.api.identity.PermissionDeniedException;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.common.operation.Operation;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's live feed: Server-Sent Events of the caller's tenant's operations, the most recent ones first,
 * then every change the operation view sees. Event {@code operation}, data = the full snapshot (snake_case JSON).
 */
@RestController
class DashboardFeedController {

    private final OperationView view;
    private final CallerResolver callers;
    private final DashboardProperties settings;
    private final Set<FeedConnection> connections = ConcurrentHashMap.newKeySet();
    /** Writes to browsers happen here, never on the Kafka consumer thread that updates the view. */
    private final ExecutorService executor = Executors.newFixedThreadPool(2, daemon("dashboard-feed"));
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(daemon("dashboard-feed-heartbeat"));

    DashboardFeedController(OperationView view, CallerResolver callers, DashboardProperties settings) {
        this.view = view;
        this.callers = callers;
        this.settings = settings;
        long every = settings.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    @GetMapping(path = "/dashboard/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @io.swagger.v3.oas.annotations.Operation(operationId = "dashboardFeed",
            summary = "Server-Sent Events: the caller's operations, then every change")
    SseEmitter feed(HttpServletRequest request) {
        Caller caller = callers.resolve(request);
        if (!caller.may("read_operations")) {
            throw new PermissionDeniedException("read_operations", "read operations");
        }
        SseEmitter emitter = new SseEmitter(settings.feedTimeout().toMillis());
        FeedConnection connection = new FeedConnection(emitter, caller.tenant(), executor);
        connections.add(connection);
        Runnable end = () -> {
            connection.close();
            connections.remove(connection);
        };
        emitter.onCompletion(end);
        emitter.onTimeout(end);
        emitter.onError(failure -> end.run());
        connection.subscribedWith(view.subscribe(connection));
        view.all().stream().filter(operation -> caller.tenant().equals(operation.tenant()))
                .sorted(Comparator.comparing(Operation::id).reversed())
                .limit(settings.initialOperations())
                .sorted(Comparator.comparing(Operation::id))
                .forEach(connection);
        return emitter;
    }

    private void heartbeat() {
        connections.removeIf(FeedConnection::isClosed);
        connections.forEach(FeedConnection::heartbeat);
    }

    /**
     * Ends every feed as soon as the context starts closing, before the web server's graceful shutdown, which would
     * otherwise wait for these never-ending requests.
     */
    @EventListener(ContextClosedEvent.class)
    void endFeeds() {
        heartbeats.shutdownNow();
        connections.forEach(FeedConnection::complete);
        connections.clear();
    }

    @PreDestroy
    void stop() {
        endFeeds();
        executor.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
