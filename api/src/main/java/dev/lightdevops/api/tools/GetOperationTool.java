package dev.lightdevops.api.tools;

import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.security.Caller;
import dev.lightdevops.api.security.PermissionDeniedException;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/** {@code get_operation}: the current snapshot of one of the caller's tenant's operations. */
@Component
class GetOperationTool implements ToolHandler {

    private final OperationView view;

    GetOperationTool(OperationView view) {
        this.view = view;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.GET_OPERATION).orElseThrow();
    }

    @Override
    public CompletableFuture<ToolResult> call(Map<String, Object> arguments, Caller caller) {
        if (!caller.may("read_operations")) {
            throw new PermissionDeniedException("read_operations", "read operations");
        }
        if (!(arguments.get("id") instanceof String id)) {
            throw new InvalidArgumentsException("id", "is required (the operation id, a string)");
        }
        Operation operation = view.find(id)
                .filter(found -> caller.tenant().equals(found.tenant()))
                .orElseThrow(() -> new InvalidArgumentsException("id", "no operation with id '" + id + "'"));
        String summary = "Operation " + operation.id() + " (" + operation.type().wireName() + ") is "
                + operation.status().wireName() + (operation.isTerminal() ? "." : "; poll again.");
        return CompletableFuture.completedFuture(new ToolResult(summary, Map.of("operation", operation), false));
    }
}
