package dev.lightdevops.api.operations;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.tool.Arguments;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** {@code list_operations}: the caller's tenant's operations, newest first, filtered, one page at a time. */
@Component
class ListOperationsTool implements ToolHandler {

    private static final Set<String> ALLOWED = Set.of("status", "type", "service", "environment", "requested_by",
            "page_size", "page_token");

    private final OperationListing listing;

    ListOperationsTool(OperationListing listing) {
        this.listing = listing;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.LIST_OPERATIONS).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        Arguments args = Arguments.of(arguments, ALLOWED);
        OperationFilter filter = OperationFilter.parse(text(args, "status"), text(args, "type"),
                text(args, "service"), text(args, "environment"), text(args, "requested_by"),
                pageSize(arguments), text(args, "page_token"));
        return describe(listing.list(filter, caller));
    }

    private static ToolResult describe(OperationListing.Page page) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("operations", page.operations());
        structured.put("next_page_token", page.nextPageToken());
        String text = page.operations().size() + " operation(s)"
                + (page.nextPageToken() == null ? "." : "; more with page_token " + page.nextPageToken() + ".");
        return new ToolResult(text, structured, false);
    }

    private static String text(Arguments args, String name) {
        return args.optionalText(name, 1, 256, "a line of at most 256 characters");
    }

    private static Integer pageSize(Map<String, Object> arguments) {
        Object value = arguments == null ? null : arguments.get("page_size");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new InvalidArgumentsException("page_size", "must be a whole number from 1 to "
                    + OperationFilter.MAX_PAGE_SIZE);
        }
        return number.intValue();
    }
}
