package dev.lightdevops.api.mcp;

import dev.lightdevops.api.security.Caller;
import dev.lightdevops.common.tool.ToolCatalogue;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which tools a caller may see in {@code tools/list}: a tool is listed when the caller holds at least one of the
 * permissions that can make a call of it succeed (a Developer sees deploy_service because it may deploy to
 * development, even though production would be refused). Tools not named here are listed to everyone; each tool
 * still authorizes every call itself, so this is about what an agent is offered, not a security boundary.
 */
@Component
class ToolPermissions {

    private static final Map<String, Set<String>> ANY_OF = Map.of(
            ToolCatalogue.DEPLOY_SERVICE, Set.of("deploy_development", "deploy_staging", "deploy_production"),
            ToolCatalogue.ROLLBACK_DEPLOYMENT, Set.of("rollback_development", "rollback_staging",
                    "rollback_production"),
            ToolCatalogue.GET_LOGS, Set.of("read_logs"),
            ToolCatalogue.GET_METRICS, Set.of("read_metrics"),
            ToolCatalogue.GET_OPERATION, Set.of("read_operations"),
            ToolCatalogue.LIST_OPERATIONS, Set.of("read_operations"),
            ToolCatalogue.CANCEL_OPERATION, Set.of("cancel_own", "cancel_any"),
            ToolCatalogue.LIST_DEPLOYMENTS, Set.of("read_deployments"));

    boolean mayUse(String tool, Caller caller) {
        Set<String> permissions = ANY_OF.get(tool);
        return permissions == null || permissions.stream().anyMatch(caller::may);
    }
}
