package dev.lightdevops.api.operations;

import java.util.LinkedHashMap;
import java.util.Map;

/** The placeholder results the api answers with at once: flagged so nobody can take one for a real result. */
final class Placeholders {

    private Placeholders() {
    }

    static Map<String, Object> forOperation(String operationId, String what) {
        Map<String, Object> placeholder = new LinkedHashMap<>();
        placeholder.put("placeholder", true);
        placeholder.put("message", what + " accepted and queued. This is not the result: poll operation "
                + operationId + " (tool get_operation, or GET /api/v1/operations/" + operationId
                + ") until its status is succeeded, failed, cancelled or timed_out.");
        return placeholder;
    }
}
