package dev.lightdevops.api.tools;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.operations.DeployAcceptance;
import dev.lightdevops.api.security.Caller;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code deploy_service}: accepted at once as a queued operation with a placeholder result. */
@Component
class DeployServiceTool implements ToolHandler {

    private final DeployAcceptance deploys;
    private final ApiProperties settings;

    DeployServiceTool(DeployAcceptance deploys, ApiProperties settings) {
        this.deploys = deploys;
        this.settings = settings;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.DEPLOY_SERVICE).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        return ToolResult.accepted(deploys.accept(arguments, caller), settings.pollInterval());
    }
}
