package dev.lightdevops.api.identity;

import dev.lightdevops.common.tool.Environment;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.common.tool.ToolCatalogue;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The one table of what each tool needs: a tool name (and, for deploys and rollbacks, the {@code environment}
 * argument) to the permissions that allow it. Every edge reaches tools through the tool registry, which asks here
 * before a handler runs; a tool missing from this table is refused (fail closed), and so is an unknown environment.
 * approve_operation and reject_operation need one of the approval permissions here; which one depends on the
 * operation's environment, which only the operation knows, so the approval rules check that one as well.
 */
@Component
public class ToolPermissions {

    /** What a call needs: any one of {@code anyOf}; an empty set means any authenticated (or anonymous) caller. */
    public record Requirement(Set<String> anyOf, String action) {

        static Requirement of(String permission, String action) {
            return new Requirement(Set.of(permission), action);
        }
    }

    private static final Map<String, Function<Map<String, Object>, Requirement>> TABLE = Map.ofEntries(
            Map.entry(ToolCatalogue.APPROVE_OPERATION, args -> new Requirement(Permissions.APPROVALS,
                    "approve operations")),
            Map.entry(ToolCatalogue.REJECT_OPERATION, args -> new Requirement(Permissions.APPROVALS,
                    "reject operations")),
            Map.entry(ToolCatalogue.DEPLOY_SERVICE, args -> perEnvironment(args, Permissions::deploy, "deploy to ")),
            Map.entry(ToolCatalogue.ROLLBACK_DEPLOYMENT,
                    args -> perEnvironment(args, Permissions::rollback, "roll back in ")),
            Map.entry(ToolCatalogue.GET_LOGS, args -> Requirement.of(Permissions.READ_LOGS, "read logs")),
            Map.entry(ToolCatalogue.GET_METRICS, args -> Requirement.of(Permissions.READ_METRICS, "read metrics")),
            Map.entry(ToolCatalogue.GET_OPERATION,
                    args -> Requirement.of(Permissions.READ_OPERATIONS, "read operations")),
            Map.entry(ToolCatalogue.LIST_OPERATIONS,
                    args -> Requirement.of(Permissions.READ_OPERATIONS, "list operations")),
            Map.entry(ToolCatalogue.CANCEL_OPERATION, args -> new Requirement(
                    Set.of(Permissions.CANCEL_OWN, Permissions.CANCEL_ANY), "cancel operations")),
            Map.entry(ToolCatalogue.LIST_DEPLOYMENTS,
                    args -> Requirement.of(Permissions.READ_DEPLOYMENTS, "list deployments")),
            Map.entry(ToolCatalogue.LIST_CHANGES,
                    args -> Requirement.of(Permissions.READ_OPERATIONS, "list changes")),
            Map.entry(ToolCatalogue.AUTHENTICATE_USER, args -> new Requirement(Set.of(), "see who you are")));

    /** Whether the table knows the tool; a test asserts this for every catalogue entry. */
    public static boolean covers(String tool) {
        return TABLE.containsKey(tool);
    }

    /**
     * Whether some call of {@code tool} could pass for {@code caller} (in some environment): what {@code tools/list}
     * may offer. Not a security boundary; every call is still authorized by {@link #authorize}.
     */
    public boolean offeredTo(String tool, Caller caller) {
        if (!TABLE.containsKey(tool)) {
            return false;
        }
        for (Environment environment : Environment.values()) {
            Requirement requirement = TABLE.get(tool).apply(Map.of("environment", environment.wireName()));
            if (requirement.anyOf().isEmpty() || requirement.anyOf().stream().anyMatch(caller::may)) {
                return true;
            }
        }
        return false;
    }

    /** What calling {@code tool} with these arguments needs; unknown tools and environments are refused. */
    public Requirement requirementFor(String tool, Map<String, Object> arguments) {
        Function<Map<String, Object>, Requirement> rule = TABLE.get(tool);
        if (rule == null) {
            throw new PermissionDeniedException("(none mapped)", "call '" + tool + "': it has no permission mapping");
        }
        return rule.apply(arguments);
    }

    /** Throws {@link PermissionDeniedException} unless {@code caller} meets the requirement of this call. */
    public void authorize(String tool, Map<String, Object> arguments, Caller caller) {
        Requirement requirement = requirementFor(tool, arguments);
        if (!requirement.anyOf().isEmpty() && requirement.anyOf().stream().noneMatch(caller::may)) {
            throw new PermissionDeniedException(String.join(" or ", requirement.anyOf().stream().sorted().toList()),
                    requirement.action());
        }
    }

    private static Requirement perEnvironment(Map<String, Object> arguments,
            Function<Environment, String> permission, String action) {
        Object value = arguments.get("environment");
        Optional<Environment> environment = value instanceof String name ? Environment.fromWireName(name)
                : Optional.empty();
        if (environment.isEmpty()) {
            throw new InvalidArgumentsException("environment",
                    "must be one of " + Environment.wireNames() + (value == null ? " (it is required)" : ""));
        }
        return Requirement.of(permission.apply(environment.get()), action + environment.get().wireName());
    }
}
