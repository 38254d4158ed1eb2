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

    public static final String APPROVE_OPERATION = "approve_operation";
    public static final String REJECT_OPERATION = "reject_operation";

    private static final List<ToolDefinition> TOOLS = List.of(
            new ToolDefinition(DEPLOY_SERVICE, "Deploy a service",
                    "Deploys a version of a service to an environment. Answers at once with an operation whose "
                            + "result is a placeholder: status queued, or awaiting_approval where the environment's "
                            + "policy asks for an approver (production by default); poll it with get_operation.",
                    objectSchema(Map.of(
                            "service", string(DeployArguments.SERVICE.pattern(), DeployArguments.SERVICE_TEXT),
                            "version", string(DeployArguments.VERSION.pattern(), DeployArguments.VERSION_TEXT),
                            "environment", Map.of("type", "string", "enum", Environment.wireNames()),
                            "reason", string(DeployArguments.REASON.pattern(), DeployArguments.REASON_TEXT),
                            "idempotency_key", string(DeployArguments.IDEMPOTENCY_KEY.pattern(),
                                    DeployArguments.KEY_TEXT),
                            "dry_run", Map.of("type", "boolean", "default", false),
                            "timeout_seconds", Map.of("type", "integer", "minimum", 1,
                                    "maximum", DeployArguments.MAX_TIMEOUT_SECONDS, "description",
                                    "your own deadline in seconds; it can only shorten the default deadline"),
                            "auto_rollback", Map.of("type", "boolean", "description",
                                    "roll back by itself when the health check fails; default true in production")),
                            List.of("service", "version", "environment")),
                    OutputSchemas.ACCEPTED_OPERATION, ToolDefinition.Kind.MUTATING, true,
                    ToolDefinition.Hints.change(true, false, true)),
            OperationTools.GET,
            OperationTools.LIST,
            OperationTools.CANCEL,
            OperationTools.APPROVE,
            OperationTools.REJECT,
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
                    OutputSchemas.IDENTITY, ToolDefinition.Kind.READ, false, ToolDefinition.Hints.read(false)));

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
