package dev.lightdevops.api.operations;

import dev.lightdevops.api.tools.ToolRefusal;
import dev.lightdevops.api.tools.ToolResult;

/** No operation with that id is visible to the caller (unknown, expired, or another tenant's). */
public class OperationNotFoundException extends RuntimeException implements ToolRefusal {

    public OperationNotFoundException(String id) {
        super("no operation with id '" + id + "'");
    }

    public OperationNotFoundException(String id, String why) {
        super("no operation with id '" + id + "' found: " + why);
    }

    @Override
    public ToolResult asToolResult() {
        return ToolResult.failed("not_found", getMessage(), false,
                "Check the operation_id: list_operations lists the operations you can see.");
    }
}
