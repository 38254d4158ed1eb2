package dev.lightdevops.api.operations;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code get_operation}: the current snapshot of one of the caller's tenant's operations; with {@code wait_seconds}
 * (at most 60) it long-polls until the status changes. An operation another api instance just accepted is found.
 */
@Component
class GetOperationTool implements ToolHandler {

    private final OperationLookup lookup;

    GetOperationTool(OperationLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.GET_OPERATION).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        String id = OperationArguments.id(arguments, java.util.Set.of("wait_seconds"));
        Duration wait = OperationArguments.waitSeconds(arguments);
        return describe(wait.isZero() ? lookup.find(id, caller) : lookup.awaitStatusChange(id, caller, wait));
    }

    static ToolResult describe(Operation operation) {
        String summary = "Operation " + operation.id() + " (" + operation.type().wireName() + ") is "
                + operation.status().wireName() + (operation.isTerminal() ? "." : "; poll again.");
        return new ToolResult(summary, Map.of("operation", operation), false);
    }
}
