package dev.lightdevops.api.operations;

import dev.lightdevops.api.identity.CallerResolver;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * REST access to operations: {@code GET /api/v1/operations/{id}} (with {@code ?wait=10s}: long-poll until its
 * status changes or the wait ends), {@code GET /api/v1/operations} (filters, newest first, cursor pages),
 * {@code GET /api/v1/operations/{id}/events} (Server-Sent Events until terminal),
 * {@code GET /api/v1/operations/{id}/timeline} (every status, attempt and stage with its time and duration) and
 * {@code POST /api/v1/operations/{id}:cancel}.
 */
@RestController
@RequestMapping("/api/v1/operations")
class OperationsController {

    private final OperationLookup lookup;
    private final OperationCancellation cancellation;
    private final OperationListing listing;
    private final OperationEvents events;
    private final CallerResolver callers;
    private final OperationTimelines timelines;

    OperationsController(OperationLookup lookup, OperationCancellation cancellation, OperationListing listing,
            OperationEvents events, CallerResolver callers, OperationTimelines timelines) {
        this.timelines = timelines;
        this.lookup = lookup;
        this.cancellation = cancellation;
        this.listing = listing;
        this.events = events;
        this.callers = callers;
    }

    @GetMapping("/{id}")
    Operation get(@PathVariable String id, @RequestParam(required = false) String wait,
            HttpServletRequest request) {
        Duration waitFor = parseWait(wait);
        if (waitFor.isZero()) {
            return lookup.find(id, callers.resolve(request));
        }
        return lookup.awaitStatusChange(id, callers.resolve(request), waitFor);
    }

    @GetMapping
    OperationListing.Page list(@RequestParam(required = false) String status,
            @RequestParam(required = false) String type, @RequestParam(required = false) String service,
            @RequestParam(required = false) String environment,
            @RequestParam(name = "requested_by", required = false) String requestedBy,
            @RequestParam(name = "page_size", required = false) String pageSize,
            @RequestParam(name = "page_token", required = false) String pageToken, HttpServletRequest request) {
        return listing.list(OperationFilter.parse(status, type, service, environment, requestedBy,
                parsePageSize(pageSize), pageToken), callers.resolve(request));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id, HttpServletRequest request) {
        return events.stream(id, callers.resolve(request));
    }

    @GetMapping("/{id}/timeline")
    Map<String, Object> timeline(@PathVariable String id, HttpServletRequest request) {
        return timelines.describe(lookup.find(id, callers.resolve(request)));
    }

    @PostMapping("/{id}:cancel")
    Operation cancel(@PathVariable String id, HttpServletRequest request) {
        return cancellation.cancel(id, callers.resolve(request), "rest:cancel");
    }

    static Integer parsePageSize(String pageSize) {
        if (pageSize == null || pageSize.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(pageSize.trim());
        } catch (NumberFormatException malformed) {
            throw new InvalidArgumentsException("page_size", "must be a whole number from 1 to "
                    + OperationFilter.MAX_PAGE_SIZE);
        }
    }

    static Duration parseWait(String wait) {
        if (wait == null || wait.isBlank()) {
            return Duration.ZERO;
        }
        try {
            Duration parsed = DurationStyle.detectAndParse(wait.trim());
            if (parsed.isNegative()) {
                throw new InvalidArgumentsException("wait", "must not be negative");
            }
            return parsed;
        } catch (IllegalArgumentException malformed) {
            throw new InvalidArgumentsException("wait", "'" + wait + "' is not a duration such as 10s or 500ms");
        }
    }
}
