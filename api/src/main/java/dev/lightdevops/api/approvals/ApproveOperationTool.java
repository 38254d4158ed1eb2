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

/** {@code approve_operation}: one approval of an operation awaiting approval; the deciding one queues it. */
@Component
class ApproveOperationTool implements ToolHandler {

    static final String REASON_TEXT = "one line of at most 500 characters";

    private final ApprovalDecisions decisions;

    ApproveOperationTool(ApprovalDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.APPROVE_OPERATION).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        String id = OperationArguments.id(arguments, Set.of("reason"));
        String reason = Arguments.of(arguments, Set.of("operation_id", "id", "reason"))
                .optionalString("reason", DeployArguments.REASON, REASON_TEXT);
        return answer(decisions.approve(id, reason, caller, ToolCatalogue.APPROVE_OPERATION));
    }

    static ToolResult answer(ApprovalDecisions.Outcome outcome) {
        return new ToolResult(outcome.message(), Map.of("operation", outcome.operation()), false);
    }
}
