package dev.lightdevops.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Pages of the history store's answers: the rows, newest first, and the token of the next page (null: last). */
final class HistoryPage {

    private HistoryPage() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Changes(List<Change> changes, String nextPageToken) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Audit(List<AuditEntry> events, String nextPageToken) {
    }
}
