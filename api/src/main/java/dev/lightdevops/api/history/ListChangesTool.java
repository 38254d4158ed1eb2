package dev.lightdevops.api.history;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.tool.Arguments;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code list_changes}: "what changed, who did it, and why", answered from the history store in one call. Offered
 * whether or not a store is configured, so every api instance lists the same tools; without one it answers an
 * error saying so.
 */
@Component
class ListChangesTool implements ToolHandler {

    private static final Set<String> ALLOWED = Set.of("environment", "service", "principal", "status", "since",
            "until", "text", "page_size", "page_token");
    /** Shape only; {@link HistoryFilter} says which character is wrong. */
    private static final Pattern LINE = Pattern.compile("(?s).{1,256}");

    private final ObjectProvider<ChangeHistory> history;
    private final Clock clock;

    ListChangesTool(ObjectProvider<ChangeHistory> history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.LIST_CHANGES).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        Arguments args = Arguments.of(arguments, ALLOWED);
        HistoryFilter filter = HistoryFilter.parse(line(args, "environment"), line(args, "service"),
                line(args, "principal"), line(args, "status"), line(args, "since"), line(args, "until"),
                line(args, "text"), null, args.optionalWholeNumber("page_size", 1, HistoryFilter.MAX_PAGE_SIZE),
                line(args, "page_token"), clock.instant()).requireOperationStatus();
        ChangeHistory store = history.getIfAvailable();
        if (store == null) {
            HistoryUnavailableException off = HistoryUnavailableException.off();
            return ToolResult.failed("unavailable", off.getMessage(), false,
                    "Use list_operations for the operations still retained; the history needs a database.");
        }
        try {
            return describe(store.changes(filter, caller));
        } catch (HistoryUnavailableException unreachable) {
            return ToolResult.failed("unavailable", unreachable.getMessage(), true, "Try again in a few seconds.");
        }
    }

    private static ToolResult describe(HistoryPage.Changes page) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("changes", page.changes());
        structured.put("next_page_token", page.nextPageToken());
        String lines = page.changes().stream().map(Change::summary).collect(Collectors.joining("\n"));
        String text = page.changes().size() + " change(s)"
                + (page.nextPageToken() == null ? "." : "; more with page_token " + page.nextPageToken() + ".")
                + (lines.isEmpty() ? "" : "\n" + lines);
        return new ToolResult(text, structured, false);
    }

    private static String line(Arguments args, String name) {
        return args.optionalString(name, LINE, "one line of text");
    }
}
