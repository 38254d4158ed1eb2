package dev.lightdevops.common.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools this system offers, with their input schemas: the contract MCP clients see in {@code tools/list}. */
public final class ToolCatalogue {

    public static final String DEPLOY_SERVICE = "deploy_service";
    public static final String ROLLBACK_DEPLOYMENT = "rollback_deployment";
    public static final String GET_LOGS = "get_logs";
    public static final String GET_METRICS = "get_metrics";
    public static final String GET_OPERATION = "get_operation";
    public static final String LIST_OPERATIONS = "list_operations";
    public static final String CANCEL_OPERATION = "cancel_operation";
    public static final String LIST_DEPLOYMENTS = "list_deployments";
    public static final String AUTHENTICATE_USER = "authenticate_user";
    public static final String LIST_CHANGES = "list_changes";

    private static final List<ToolDefinition> TOOLS = List.of(
            new ToolDefinition(DEPLOY_SERVICE, "Deploy a service",
                    "Deploys a version of a service to an environment. Answers at once with an operation "
                            + "(status queued) whose result is a placeholder; poll it with get_operation.",
                    objectSchema(Map.of(
                            "service", string(DeployRequest.SERVICE.pattern(), DeployRequest.SERVICE_TEXT),
                            "version", string(DeployRequest.VERSION.pattern(), DeployRequest.VERSION_TEXT),
                            "environment", Map.of("type", "string", "enum", Environment.wireNames()),
                            "reason", string(DeployRequest.REASON.pattern(), DeployRequest.REASON_TEXT),
                            "idempotency_key", string(DeployRequest.IDEMPOTENCY_KEY.pattern(),
                                    DeployRequest.KEY_TEXT),
                            "dry_run", Map.of("type", "boolean", "default", false),
                            "timeout_seconds", Map.of("type", "integer", "minimum", 1,
                                    "maximum", DeployRequest.MAX_TIMEOUT_SECONDS, "description",
                                    "your own deadline in seconds; it can only shorten the default deadline"),
                            "auto_rollback", Map.of("type", "boolean", "description",
                                    "roll back by itself when the health check fails; default true in production")),
                            List.of("service", "version", "environment")),
                    OutputSchemas.ACCEPTED_OPERATION, ToolDefinition.Kind.MUTATING, true),
            new ToolDefinition(GET_OPERATION, "Get an operation",
                    "Returns the current snapshot of an operation by id: status, progress, and result or error. "
                            + "With wait_seconds it waits (at most 60 s) until the status changes.",
                    objectSchema(Map.of("id", Map.of("type", "string", "description", "the operation id"),
                                    "wait_seconds", Map.of("type", "number", "minimum", 0, "maximum", 60,
                                            "description", "long-poll: wait up to this long for a status change")),
                            List.of("id")),
                    OutputSchemas.OPERATION_ENVELOPE, ToolDefinition.Kind.READ, false),
            new ToolDefinition(LIST_OPERATIONS, "List operations",
                    "Lists the operations of your tenant, newest first, filtered by status, type, service, "
                            + "environment or requester; pass next_page_token back as page_token for more.",
                    objectSchema(Map.of(
                                    "status", Map.of("type", "string", "enum",
                                            dev.lightdevops.common.operation.OperationStatus.wireNames()),
                                    "type", Map.of("type", "string", "enum",
                                            List.of("deploy", "rollback", "fetch_logs", "fetch_metrics")),
                                    "service", Map.of("type", "string"),
                                    "environment", Map.of("type", "string"),
                                    "requested_by", Map.of("type", "string"),
                                    "page_size", Map.of("type", "integer", "minimum", 1, "maximum", 100,
                                            "default", 20),
                                    "page_token", Map.of("type", "string")),
                            List.of()),
                    OutputSchemas.OPERATION_PAGE, ToolDefinition.Kind.READ, false),
            new ToolDefinition(CANCEL_OPERATION, "Cancel an operation",
                    "Cancels an operation: a queued one ends cancelled at once; a running one is interrupted by "
                            + "its worker and ends cancelled. An operation that already ended is left as it is.",
                    objectSchema(Map.of("id", Map.of("type", "string", "description", "the operation id")),
                            List.of("id")),
                    OutputSchemas.OPERATION_ENVELOPE, ToolDefinition.Kind.MUTATING, false),
            IntegrationTools.ROLLBACK,
            IntegrationTools.LOGS,
            IntegrationTools.METRICS,
            IntegrationTools.DEPLOYMENTS,
            HistoryTools.CHANGES,
            new ToolDefinition(AUTHENTICATE_USER, "Who am I",
                    "Returns the caller's identity and what it may do: principal, name, email, tenant, roles and "
                            + "permissions, from the validated bearer token. Given a token argument, validates "
                            + "that token the same way and describes it instead.",
                    objectSchema(Map.of("token", Map.of("type", "string", "description",
                            "optional: a JWT to validate and describe instead of the caller's own")), List.of()),
                    OutputSchemas.IDENTITY, ToolDefinition.Kind.READ, false));

    private ToolCatalogue() {
    }

    public static List<ToolDefinition> tools() {
        return TOOLS;
    }

    public static Optional<ToolDefinition> find(String name) {
        return TOOLS.stream().filter(tool -> tool.name().equals(name)).findFirst();
    }

    static Map<String, Object> string(String pattern, String description) {
        return Map.of("type", "string", "pattern", "^" + pattern + "$", "description", description);
    }

    static Map<String, Object> objectSchema(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", new LinkedHashMap<>(properties));
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }
}
