package dev.lightdevops.api.compat;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.CallerResolver;
import dev.lightdevops.api.rest.ToolRoutes;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.tool.ToolCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original server's REST routes, kept for existing integrations and now backed by the engine: the same paths and
 * request shapes, answers that add the operation id. Their {@code operationId}s are the names gateways generated
 * from the original document; {@link SeedAliasesController} serves the same calls under those names.
 */
@RestController
@Tag(name = "seed", description = "Routes of the original server, kept for existing integrations")
class SeedRoutesController {

    private final ServerInfo server;
    private final SeedCalls calls;

    SeedRoutesController(ServerInfo server, SeedCalls calls) {
        this.server = server;
        this.calls = calls;
    }

    @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getHealth", summary = "Health: Kafka reachable and the operation view caught up")
    ResponseEntity<Map<String, Object>> health() {
        Map<String, Object> health = server.health();
        return ResponseEntity.status("healthy".equals(health.get("status")) ? HttpStatus.OK
                : HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }

    @GetMapping(path = "/mcp/resources", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getMcpResources", summary = "The resources: logs and metrics")
    Map<String, Object> resources() {
        return calls.resources();
    }

    @GetMapping(path = "/mcp/resources/logs", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getMcpResourcesLogs", summary = "Recent logs (tool get_logs), waited for")
    ResponseEntity<Object> logs(
            @Parameter(description = "level, limit, since, service") @RequestParam Map<String, String> query,
            HttpServletRequest request) {
        return calls.fetch(ToolCatalogue.GET_LOGS, query, calls.caller(request));
    }

    @GetMapping(path = "/mcp/resources/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getMcpResourcesMetrics", summary = "Metrics (tool get_metrics), waited for")
    ResponseEntity<Object> metrics(
            @Parameter(description = "limit, service, metric_type, time_range") @RequestParam Map<String, String> query,
            HttpServletRequest request) {
        return calls.fetch(ToolCatalogue.GET_METRICS, query, calls.caller(request));
    }

    @GetMapping(path = "/mcp/resources/{*resourcePath}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getMcpResourcesResourcePath", summary = "Any resource by its URI path: "
            + "/mcp/resources/operations/{id} reads devops://operations/{id} (resources/templates/list names them)")
    ResponseEntity<Object> resource(
            @Parameter(description = "the resource URI without devops://, e.g. operations/<id> or deployments/checkout")
            @PathVariable String resourcePath, HttpServletRequest request) {
        return calls.resource(resourcePath, request.getQueryString(), calls.caller(request));
    }

    @GetMapping(path = "/mcp/tools", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getMcpTools", summary = "The tools, with the route that calls each")
    Map<String, Object> tools() {
        return calls.tools();
    }

    @PostMapping(path = "/mcp/tools/deploy_service", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "postMcpToolsDeployService", summary = "Deploy: service_name, version, environment "
            + "(flat or under arguments); answers with the operation id")
    ResponseEntity<Object> deploy(
            @RequestBody(required = false) @Schema(type = "object") Map<String, Object> body,
            HttpServletRequest request) {
        return calls.call(ToolCatalogue.DEPLOY_SERVICE, SeedCalls.arguments(body), calls.caller(request));
    }

    @PostMapping(path = "/mcp/tools/rollback_deployment", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "postMcpToolsRollbackDeployment",
            summary = "Roll back: deployment_id, reason, environment; answers with the operation id")
    ResponseEntity<Object> rollback(
            @RequestBody(required = false) @Schema(type = "object") Map<String, Object> body,
            HttpServletRequest request) {
        return calls.call(ToolCatalogue.ROLLBACK_DEPLOYMENT, SeedCalls.arguments(body), calls.caller(request));
    }

    @PostMapping(path = "/mcp/tools/authenticate_user", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "postMcpToolsAuthenticateUser", summary = "Who the caller is (tool authenticate_user)")
    ResponseEntity<Object> authenticate(
            @RequestBody(required = false) @Schema(type = "object") Map<String, Object> body,
            HttpServletRequest request) {
        return calls.call(ToolCatalogue.AUTHENTICATE_USER, SeedCalls.arguments(body), calls.caller(request));
    }
}
