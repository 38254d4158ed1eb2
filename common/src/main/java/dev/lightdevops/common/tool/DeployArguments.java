package dev.lightdevops.common.tool;

import dev.lightdevops.common.operation.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The validated arguments of {@code deploy_service}. */
public record DeployArguments(String service, String version, Environment environment, String reason,
        String idempotencyKey, boolean dryRun, Integer timeoutSeconds, Boolean autoRollback) {

    public static final Pattern SERVICE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    /** One line a person can trust ({@link HumanText}); the schema pattern is also a valid JavaScript regex. */
    public static final Pattern REASON = HumanText.line(1, 500);
    public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final String SERVICE_TEXT = "a service name: lowercase letters, digits and '-', at most 63 characters";
    static final String VERSION_TEXT = "a version such as 1.4.2 or sha-3f2a9c1 (letters, digits, '.', '_', '+', '-')";
    static final String REASON_TEXT = "one line of at most 500 characters, without control or bidirectional "
            + "formatting characters";
    static final String KEY_TEXT = "at most 128 letters, digits, '.', '_', ':' or '-'";
    /** Longest deadline a caller may ask for; the deploy's default deadline caps it anyway. */
    public static final int MAX_TIMEOUT_SECONDS = 86_400;

    private static final Set<String> ALLOWED =
            Set.of("service", "version", "environment", "reason", "idempotency_key", "dry_run", "timeout_seconds",
                    "auto_rollback");

    public static DeployArguments from(Map<String, Object> arguments) {
        Arguments args = Arguments.of(arguments, ALLOWED);
        return new DeployArguments(
                args.requiredString("service", SERVICE, SERVICE_TEXT),
                args.requiredString("version", VERSION, VERSION_TEXT),
                args.environment("environment"),
                args.optionalText("reason", 1, 500, REASON_TEXT),
                args.optionalString("idempotency_key", IDEMPOTENCY_KEY, KEY_TEXT),
                args.optionalBoolean("dry_run", false),
                args.optionalWholeNumber("timeout_seconds", 1, MAX_TIMEOUT_SECONDS),
                arguments != null && arguments.get("auto_rollback") != null
                        ? args.optionalBoolean("auto_rollback", false) : null);
    }

    public Target target() {
        return new Target(service, environment.wireName());
    }

    /** The request as recorded on the operation (no secrets can appear: every field is validated text). */
    public Map<String, Object> asRecorded() {
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("service", service);
        recorded.put("version", version);
        recorded.put("environment", environment.wireName());
        if (reason != null) {
            recorded.put("reason", reason);
        }
        recorded.put("dry_run", dryRun);
        if (timeoutSeconds != null) {
            // Kept so that a deploy that waited for approval gets its own deadline from the approval on.
            recorded.put("timeout_seconds", timeoutSeconds);
        }
        // Whether a failed health check rolls back by itself: on by default in production only.
        recorded.put("auto_rollback", autoRollback != null ? autoRollback : environment == Environment.PRODUCTION);
        return recorded;
    }
}
