package dev.lightdevops.common.tool;

import dev.lightdevops.common.operation.OperationStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Definitions of the tools that act on operations by id: get, list, cancel, approve and reject. The id is
 * {@code operation_id} everywhere (as every answer calls it); {@code id} is still accepted as an alias.
 */
final class OperationTools {

    static final String ID_TEXT = "the operation id (operation_id in every answer)";
    static final String DECISION_REASON_TEXT = "why, for the audit trail and the requester: one line, at most 500 "
            + "characters";

    static final ToolDefinition GET = new ToolDefinition(ToolCatalogue.GET_OPERATION, "Get an operation",
            "Returns the current snapshot of an operation by operation_id: status, progress, approval, and result "
                    + "or error. With wait_seconds it waits (at most 60 s) until the status changes.",
            ToolCatalogue.objectSchema(properties(
                    "operation_id", Map.of("type", "string", "description", ID_TEXT),
                    "wait_seconds", Map.of("type", "number", "minimum", 0, "maximum", 60,
                            "description", "long-poll: wait up to this long for a status change")),
                    List.of("operation_id")),
            OutputSchemas.OPERATION_ENVELOPE, ToolDefinition.Kind.READ, false, ToolDefinition.Hints.read(false));

    static final ToolDefinition LIST = new ToolDefinition(ToolCatalogue.LIST_OPERATIONS, "List operations",
            "Lists the operations of your tenant, newest first, filtered by status (awaiting_approval lists what "
                    + "waits for an approver), type, service, environment or requester; pass next_page_token back "
                    + "as page_token for more.",
            ToolCatalogue.objectSchema(properties(
                    "status", Map.of("type", "string", "enum", OperationStatus.wireNames()),
                    "type", Map.of("type", "string", "enum",
                            List.of("deploy", "rollback", "fetch_logs", "fetch_metrics")),
                    "service", Map.of("type", "string"),
                    "environment", Map.of("type", "string"),
                    "requested_by", Map.of("type", "string"),
                    "page_size", Map.of("type", "integer", "minimum", 1, "maximum", 100, "default", 20),
                    "page_token", Map.of("type", "string")),
                    List.of()),
            OutputSchemas.OPERATION_PAGE, ToolDefinition.Kind.READ, false, ToolDefinition.Hints.read(false));

    static final ToolDefinition CANCEL = new ToolDefinition(ToolCatalogue.CANCEL_OPERATION, "Cancel an operation",
            "Cancels an operation: one awaiting approval or queued ends cancelled at once; a running one is "
                    + "interrupted by its worker and ends cancelled. An operation that already ended is left as it is.",
            ToolCatalogue.objectSchema(properties("operation_id", Map.of("type", "string", "description", ID_TEXT)),
                    List.of("operation_id")),
            OutputSchemas.OPERATION_ENVELOPE, ToolDefinition.Kind.MUTATING, false,
            ToolDefinition.Hints.change(true, true, false));

    static final ToolDefinition APPROVE = new ToolDefinition(ToolCatalogue.APPROVE_OPERATION,
            "Approve an operation",
            "Approves a deploy or rollback that is awaiting_approval (list_operations with status "
                    + "awaiting_approval finds them). Needs the operation's approve_<environment> permission, and "
                    + "you cannot approve what you asked for yourself. Once approved it is queued and runs; approving "
                    + "again changes nothing.",
            ToolCatalogue.objectSchema(properties(
                    "operation_id", Map.of("type", "string", "description", ID_TEXT),
                    "reason", ToolCatalogue.string(DeployArguments.REASON.pattern(), DECISION_REASON_TEXT)),
                    List.of("operation_id")),
            OutputSchemas.OPERATION_ENVELOPE, ToolDefinition.Kind.MUTATING, false,
            ToolDefinition.Hints.change(true, true, false));

    static final ToolDefinition REJECT = new ToolDefinition(ToolCatalogue.REJECT_OPERATION, "Reject an operation",
            "Rejects a deploy or rollback that is awaiting_approval, with a reason: it ends rejected and never runs. "
                    + "Needs the operation's approve_<environment> permission.",
            ToolCatalogue.objectSchema(properties(
                    "operation_id", Map.of("type", "string", "description", ID_TEXT),
                    "reason", ToolCatalogue.string(DeployArguments.REASON.pattern(), DECISION_REASON_TEXT)),
                    List.of("operation_id", "reason")),
            OutputSchemas.OPERATION_ENVELOPE, ToolDefinition.Kind.MUTATING, false,
            ToolDefinition.Hints.change(false, true, false));

    private OperationTools() {
    }

    private static Map<String, Object> properties(Object... namesAndSchemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
        }
        return properties;
    }
}
