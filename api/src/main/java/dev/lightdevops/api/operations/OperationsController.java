package dev.lightdevops.api.operations;

import dev.lightdevops.api.security.CallerResolver;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST access to one operation: {@code GET /api/v1/operations/{id}} (with {@code ?wait=10s}: long-poll until its
 * status changes or the wait ends) and {@code POST /api/v1/operations/{id}:cancel}.
 */
@RestController
@RequestMapping("/api/v1/operations")
class OperationsController {

    private final OperationLookup lookup;
    private final OperationCancellation cancellation;
    private final CallerResolver callers;

    OperationsController(OperationLookup lookup, OperationCancellation cancellation, CallerResolver callers) {
        this.lookup = lookup;
        this.cancellation = cancellation;
        this.callers = callers;
    }

    @GetMapping("/{id}")
    CompletableFuture<Operation> get(@PathVariable String id, @RequestParam(required = false) String wait,
            HttpServletRequest request) {
        Duration waitFor = parseWait(wait);
        if (waitFor.isZero()) {
            return lookup.find(id, callers.resolve(request));
        }
        return lookup.awaitStatusChange(id, callers.resolve(request), waitFor);
    }

    @PostMapping("/{id}:cancel")
    CompletableFuture<Operation> cancel(@PathVariable String id, HttpServletRequest request) {
        return cancellation.cancel(id, callers.resolve(request), "rest:cancel");
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
