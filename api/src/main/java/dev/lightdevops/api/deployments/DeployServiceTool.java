package dev.lightdevops.api.deployments;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
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
