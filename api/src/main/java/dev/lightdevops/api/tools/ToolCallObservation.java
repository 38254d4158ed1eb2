package dev.lightdevops.api.tools;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.common.observability.OperationLogContext;
import dev.lightdevops.common.tool.ToolDefinition;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;

/**
 * The observation of one tool call, named {@code devops.tool.calls}: a span in the caller's trace and a timer tagged
 * with the tool, its kind and the outcome ({@code ok}, or the error code the caller got). The principal is a
 * high-cardinality value: on the span, never on the metric.
 */
final class ToolCallObservation {

    static final String NAME = "devops.tool.calls";

    private ToolCallObservation() {
    }

    static Observation start(String tool, ToolDefinition definition, Caller caller, ObservationRegistry registry) {
        return Observation.createNotStarted(NAME, registry)
                .contextualName("tool " + tool)
                .lowCardinalityKeyValue("tool", tool)
                .lowCardinalityKeyValue("kind", definition.mutating() ? "mutating" : "read")
                .highCardinalityKeyValue(OperationLogContext.PRINCIPAL, String.valueOf(caller.principal()))
                .start();
    }

    static void stop(Observation observation, ToolResult result, Throwable failure) {
        if (failure != null) {
            observation.lowCardinalityKeyValue("outcome", "exception").error(failure);
        } else {
            observation.lowCardinalityKeyValue("outcome", outcome(result));
            if (result.structured() != null && result.structured().get("operation_id") instanceof String id) {
                observation.highCardinalityKeyValue(OperationLogContext.OPERATION_ID, id);
            }
        }
        observation.stop();
    }

    private static String outcome(ToolResult result) {
        if (!result.error()) {
            return "ok";
        }
        if (result.structured() != null && result.structured().get("error") instanceof Map<?, ?> error
                && error.get("code") instanceof String code) {
            return code;
        }
        return "error";
    }
}
