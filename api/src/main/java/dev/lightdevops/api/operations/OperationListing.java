package dev.lightdevops.api.operations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.common.kafka.ConsumedPositions;
import dev.lightdevops.common.operation.Operation;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Lists the operations a caller may see, newest first, filtered, one page at a time. It reads this instance's view,
 * which holds every retained operation, so a page costs a scan of the view (bounded by {@code max-retained}).
 */
@Service
public class OperationListing {

    private final OperationView view;
    private final ConsumedPositions statusPositions;
    private final OperationsProperties settings;

    OperationListing(OperationView view, ConsumedPositions statusPositions, OperationsProperties settings) {
        this.view = view;
        this.statusPositions = statusPositions;
        this.settings = settings;
    }

    /** The page, once this instance's view has read what was on {@code ops.status} at the call (read-your-writes). */
    public Page list(OperationFilter filter, Caller caller) {
        OperationLookup.requireRead(caller);
        statusPositions.awaitCaughtUp(settings.catchUpTimeout()).join();
        return page(filter, caller);
    }

    private Page page(OperationFilter filter, Caller caller) {
        List<Operation> matching = view.all().stream()
                .filter(caller::canSee)
                .filter(filter.matches())
                .sorted(OperationFilter.NEWEST_FIRST)
                .limit(filter.pageSize() + 1L)
                .toList();
        if (matching.size() <= filter.pageSize()) {
            return new Page(matching, null);
        }
        List<Operation> page = matching.subList(0, filter.pageSize());
        return new Page(page, OperationFilter.Cursor.after(page.get(page.size() - 1)).token());
    }

    /** One page: its operations and the token of the next page (null on the last page). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<Operation> operations, String nextPageToken) {
    }
}
