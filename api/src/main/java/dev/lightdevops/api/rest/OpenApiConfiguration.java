package dev.lightdevops.api.rest;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs}. Gateways (such as Cequence) generate their tools from it and key
 * them by {@code operationId}, so every operation has a stable one: declared on the handler, or else derived from the
 * controller and method names (never springdoc's order-dependent {@code _1} suffixes).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI lightDevOpsOpenApi() {
        return new OpenAPI().info(new Info().title("Light DevOps MCP").version("v1")
                .description("MCP server for DevOps operations, also served as plain REST. Mutating calls answer at "
                        + "once with an operation id and a placeholder result; poll /api/v1/operations/{id}. "
                        + "Errors are RFC 9457 application/problem+json.")
                .license(new License().name("MIT")));
    }

    @Bean
    GlobalOperationCustomizer stableOperationIds() {
        return (operation, handler) -> {
            io.swagger.v3.oas.annotations.Operation declared =
                    handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
            if (declared == null || declared.operationId().isBlank()) {
                String controller = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
                operation.setOperationId(StringUtils.uncapitalize(controller)
                        + StringUtils.capitalize(handler.getMethod().getName()));
            }
            return operation;
        };
    }
}
