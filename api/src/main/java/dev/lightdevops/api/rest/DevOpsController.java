package dev.lightdevops.api.rest;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.CallerResolver;
import dev.lightdevops.common.tool.ToolCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resource-style REST routes over the tools: deployments, rollbacks, logs, metrics, and who the caller is. Each
 * route calls the tool of the same meaning, so REST, MCP and the seed routes behave alike.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "devops", description = "Deployments, rollbacks, logs, metrics and the caller's identity")
class DevOpsController {

    private final ToolRoutes routes;
    private final CallerResolver callers;

    DevOpsController(ToolRoutes routes, CallerResolver callers) {
        this.routes = routes;
        this.callers = callers;
    }

    @GetMapping("/deployments")
    @Operation(operationId = "listDeployments", summary = "What is deployed where (tool list_deployments)")
    ResponseEntity<Object> deployments(
            @Parameter(description = "arguments of list_deployments, e.g. service, environment")
            @RequestParam Map<String, String> query, HttpServletRequest request) {
        return ToolResponses.toHttp(routes.callWithQuery(ToolCatalogue.LIST_DEPLOYMENTS, query, callers.resolve(request)));
    }

    @PostMapping(path = "/deployments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "deployService", summary = "Deploy a service version (tool deploy_service)",
            description = "Answers 202 with the operation id at once; poll GET /api/v1/operations/{id}.")
    ResponseEntity<Object> deploy(@RequestBody @Schema(type = "object") Map<String, Object> body,
            HttpServletRequest request) {
        return ToolResponses.toHttp(routes.call(ToolCatalogue.DEPLOY_SERVICE, body, callers.resolve(request)));
    }

    @PostMapping(path = "/rollbacks", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "rollbackDeployment", summary = "Roll a deployment back (tool rollback_deployment)")
    ResponseEntity<Object> rollback(@RequestBody @Schema(type = "object") Map<String, Object> body,
            HttpServletRequest request) {
        return ToolResponses.toHttp(routes.call(ToolCatalogue.ROLLBACK_DEPLOYMENT, body, callers.resolve(request)));
    }

    @GetMapping("/logs")
    @Operation(operationId = "getLogs", summary = "Fetch logs (tool get_logs)")
    ResponseEntity<Object> logs(
            @Parameter(description = "arguments of get_logs, e.g. service, level, limit, since")
            @RequestParam Map<String, String> query, HttpServletRequest request) {
        return ToolResponses.toHttp(routes.callWithQuery(ToolCatalogue.GET_LOGS, query, callers.resolve(request)));
    }

    @GetMapping("/metrics")
    @Operation(operationId = "getMetrics", summary = "Fetch metrics (tool get_metrics)")
    ResponseEntity<Object> metrics(
            @Parameter(description = "arguments of get_metrics, e.g. service, metric_type, time_range")
            @RequestParam Map<String, String> query, HttpServletRequest request) {
        return ToolResponses.toHttp(routes.callWithQuery(ToolCatalogue.GET_METRICS, query, callers.resolve(request)));
    }

    @GetMapping("/whoami")
    @Operation(operationId = "whoami", summary = "The authenticated caller: principal, tenant, roles, permissions")
    Map<String, Object> whoami(HttpServletRequest request) {
        return describe(callers.resolve(request));
    }

    static Map<String, Object> describe(Caller caller) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("principal", caller.principal());
        identity.put("tenant", caller.tenant());
        identity.put("roles", new TreeSet<>(caller.roles()));
        identity.put("permissions", new TreeSet<>(caller.permissions()));
        identity.put("anonymous", caller.anonymous());
        return identity;
    }
}
