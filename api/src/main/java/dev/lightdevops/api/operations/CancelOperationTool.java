package dev.lightdevops.api.operations;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code cancel_operation}: a queued operation ends cancelled at once; a running one is interrupted by its worker. */
@Component
class CancelOperationTool implements ToolHandler {

    private final OperationCancellation cancellation;

    CancelOperationTool(OperationCancellation cancellation) {
        this.cancellation = cancellation;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.CANCEL_OPERATION).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        String id = OperationArguments.id(arguments, Set.of());
        return describe(cancellation.cancel(id, caller, ToolCatalogue.CANCEL_OPERATION));
    }

    private static ToolResult describe(Operation operation) {
        String text = switch (operation.status()) {
            case CANCELLED -> "Operation " + operation.id() + " is cancelled.";
            case AWAITING_APPROVAL, QUEUED, RUNNING -> "Cancellation of operation " + operation.id() + " was requested; it is "
                    + operation.status().wireName() + " and will end cancelled (or finish first). Poll it with "
                    + "get_operation.";
            default -> "Operation " + operation.id() + " had already ended " + operation.status().wireName()
                    + "; nothing was cancelled.";
        };
        return new ToolResult(text, Map.of("operation", operation), false);
    }
}
