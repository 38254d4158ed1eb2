package dev.lightdevops.api.mcp;

import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Prompts: ready-made instructions a user can pick in a client (a slash command in most of them) that walk an agent
 * through this server's tools the way they are meant to be used, polling operations to the end.
 */
@Component
class PromptMethods {

    private record Argument(String name, String description, boolean required) {
    }

    private record Prompt(String name, String title, String description, List<Argument> arguments, String template) {
    }

    private static final List<Prompt> PROMPTS = List.of(
            new Prompt("deploy-service", "Deploy a service and see it through",
                    "Deploy a version of a service, follow the operation to its end, and check the service after.",
                    List.of(new Argument("service", "the service to deploy", true),
                            new Argument("version", "the version to deploy", true),
                            new Argument("environment", "development, staging or production", true),
                            new Argument("reason", "why (kept in the audit trail)", false)),
                    """
                    Deploy {service} version {version} to {environment}{reason}.
                    1. Call list_deployments for {service} to see what is live now (if the tool is offered).
                    2. Call deploy_service with service, version, environment and a reason. It answers at once with \
                    an operation whose result is a placeholder: do not report it as the outcome.
                    3. Call get_operation with the operation id and wait_seconds 30, again and again, until the \
                    status is succeeded, failed, cancelled or timed_out.
                    4. If it succeeded, check get_metrics and get_logs for {service} (if offered) and say whether it \
                    looks healthy. If it failed or looks unhealthy, say why and offer rollback_deployment."""),
            new Prompt("investigate-service", "Investigate a service",
                    "Look at a service's recent operations, logs and metrics and summarize its health.",
                    List.of(new Argument("service", "the service to look at", true),
                            new Argument("environment", "development, staging or production", false)),
                    """
                    Investigate the health of {service}{environment}.
                    1. Call list_operations filtered by service {service} to see recent deploys and rollbacks.
                    2. Call get_logs and get_metrics for {service} (if offered). They may answer with a placeholder \
                    and an operation: poll it with get_operation until it is terminal, then read its result.
                    3. Summarize: what changed recently, errors in the logs, metrics out of the ordinary, and what \
                    you would do next. Change nothing without asking."""));

    McpResult.ListPromptsResult list(McpRequest request) {
        List<McpSchema.Prompt> prompts = PROMPTS.stream().map(prompt -> new McpSchema.Prompt(prompt.name(),
                prompt.title(), prompt.description(), prompt.arguments().stream().map(argument ->
                        new McpSchema.PromptArgument(argument.name(), argument.description(), argument.required()))
                        .toList())).toList();
        return new McpResult.ListPromptsResult(prompts, null, null);
    }

    McpResult.GetPromptResult get(McpRequest request) {
        String name = request.requireText("name");
        Prompt prompt = PROMPTS.stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                .orElseThrow(() -> JsonRpcException.invalidParams("Unknown prompt '" + name
                        + "': prompts/list names the prompts"));
        JsonNode given = request.params().get("arguments");
        String text = prompt.template();
        for (Argument argument : prompt.arguments()) {
            JsonNode value = given == null ? null : given.get(argument.name());
            String supplied = value != null && value.isString() ? value.asString().strip() : "";
            if (argument.required() && supplied.isEmpty()) {
                throw JsonRpcException.invalidParams("Prompt '" + name + "' needs the argument '" + argument.name()
                        + "' (" + argument.description() + ")");
            }
            String filled = argument.required() || supplied.isEmpty() ? supplied
                    : ("reason".equals(argument.name()) ? ", because " : " in ") + supplied;
            text = text.replace("{" + argument.name() + "}", filled);
        }
        return new McpResult.GetPromptResult(prompt.description(),
                List.of(new McpSchema.PromptMessage("user", new McpSchema.TextContent(text))));
    }
}
