package dev.lightdevops.api.history;

import dev.lightdevops.api.identity.CallerResolver;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST access to the history store: {@code GET /api/v1/history} (the changes, as {@code list_changes} answers them)
 * and {@code GET /api/v1/audit} (the audit trail), with the same filters, newest first, cursor pages. Without a store
 * both answer 503 saying why.
 */
@RestController
@RequestMapping("/api/v1")
class HistoryController {

    private final ObjectProvider<ChangeHistory> history;
    private final CallerResolver callers;
    private final Clock clock;

    HistoryController(ObjectProvider<ChangeHistory> history, CallerResolver callers, Clock clock) {
        this.history = history;
        this.callers = callers;
        this.clock = clock;
    }

    @GetMapping("/history")
    @Operation(operationId = "listChanges", summary = "What changed: deploys and rollbacks, newest first")
    HistoryPage.Changes changes(@RequestParam(required = false) String environment,
            @RequestParam(required = false) String service, @RequestParam(required = false) String principal,
            @RequestParam(required = false) String status, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(required = false) String text,
            @RequestParam(name = "page_size", required = false) String pageSize,
            @RequestParam(name = "page_token", required = false) String pageToken, HttpServletRequest request) {
        HistoryFilter filter = HistoryFilter.parse(environment, service, principal, status, since, until, text, null,
                pageSize(pageSize), pageToken, clock.instant()).requireOperationStatus();
        return store().changes(filter, callers.resolve(request));
    }

    @GetMapping("/audit")
    @Operation(operationId = "listAudit", summary = "The audit trail, newest first")
    HistoryPage.Audit audit(@RequestParam(required = false) String environment,
            @RequestParam(required = false) String service, @RequestParam(required = false) String principal,
            @RequestParam(required = false) String status, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(required = false) String text,
            @RequestParam(required = false) String action,
            @RequestParam(name = "page_size", required = false) String pageSize,
            @RequestParam(name = "page_token", required = false) String pageToken, HttpServletRequest request) {
        HistoryFilter filter = HistoryFilter.parse(environment, service, principal, status, since, until, text,
                action, pageSize(pageSize), pageToken, clock.instant());
        return store().audit(filter, callers.resolve(request));
    }

    private ChangeHistory store() {
        ChangeHistory store = history.getIfAvailable();
        if (store == null) {
            throw HistoryUnavailableException.off();
        }
        return store;
    }

    private static Integer pageSize(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException malformed) {
            throw new dev.lightdevops.common.tool.InvalidArgumentsException("page_size",
                    "must be a whole number from 1 to " + HistoryFilter.MAX_PAGE_SIZE);
        }
    }
}
