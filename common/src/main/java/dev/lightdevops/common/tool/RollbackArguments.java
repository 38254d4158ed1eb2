package dev.lightdevops.common.tool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated arguments of {@code rollback_deployment}: what to roll back (a service, or the id of the deploy
 * operation to undo), where (always named, so the call is authorized per environment before anything is looked up), why (at least 10 characters: a rollback is an incident action and its reason is recorded),
 * and optionally the version to return to (it must have been live before).
 */
public record RollbackArguments(String service, Environment environment, String operationId, String reason,
        String targetVersion, String idempotencyKey) {

    public static final Pattern REASON = HumanText.line(10, 500);
    public static final Pattern OPERATION_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    static final String REASON_TEXT = "why you roll back: one line of 10 to 500 characters, without control or "
            + "bidirectional formatting characters";
    static final Set<String> ALLOWED = Set.of("service", "environment", "operation_id", "deployment_id", "reason",
            "target_version", "idempotency_key");

    public static RollbackArguments from(Map<String, Object> arguments) {
        Arguments args = Arguments.of(arguments, ALLOWED);
        String service = args.optionalString("service", DeployArguments.SERVICE, DeployArguments.SERVICE_TEXT);
        String operationId = args.optionalString("operation_id", OPERATION_ID, "an operation id");
        if (operationId == null) {
            operationId = args.optionalString("deployment_id", OPERATION_ID, "a deploy operation id");
        }
        if (service == null && operationId == null) {
            throw new InvalidArgumentsException("service",
                    "is required (or operation_id: the id of the deploy operation to roll back)");
        }
        Environment environment = args.environment("environment");
        String reason = args.optionalText("reason", 10, 500, REASON_TEXT);
        if (reason == null || reason.isBlank()) {
            throw new InvalidArgumentsException("reason", "is required (" + REASON_TEXT + ")");
        }
        return new RollbackArguments(service, environment, operationId, reason.trim(),
                args.optionalString("target_version", DeployArguments.VERSION, DeployArguments.VERSION_TEXT),
                args.optionalString("idempotency_key", DeployArguments.IDEMPOTENCY_KEY, DeployArguments.KEY_TEXT));
    }

    /** The same request with the target resolved (from the deploy operation it names). */
    public RollbackArguments resolvedTo(String resolvedService, Environment resolvedEnvironment) {
        return new RollbackArguments(resolvedService, resolvedEnvironment, operationId, reason, targetVersion,
                idempotencyKey);
    }

    public Map<String, Object> asRecorded() {
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("service", service);
        recorded.put("environment", environment == null ? null : environment.wireName());
        if (operationId != null) {
            recorded.put("operation_id", operationId);
        }
        recorded.put("reason", reason);
        if (targetVersion != null) {
            recorded.put("target_version", targetVersion);
        }
        return recorded;
    }
}
