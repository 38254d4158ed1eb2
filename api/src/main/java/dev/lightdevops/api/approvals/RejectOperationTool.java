package dev.lightdevops.api.approvals;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.operations.OperationArguments;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.tool.Arguments;
import dev.lightdevops.common.tool.DeployArguments;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code reject_operation}: ends an operation awaiting approval {@code rejected}, with the reason. */
@Component
class RejectOperationTool implements ToolHandler {

    private final ApprovalDecisions decisions;

    RejectOperationTool(ApprovalDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.REJECT_OPERATION).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        String id = OperationArguments.id(arguments, Set.of("reason"));
        String reason = Arguments.of(arguments, Set.of("operation_id", "id", "reason"))
                .requiredString("reason", DeployArguments.REASON, ApproveOperationTool.REASON_TEXT);
        return ApproveOperationTool.answer(decisions.reject(id, reason, caller, ToolCatalogue.REJECT_OPERATION));
    }
}
