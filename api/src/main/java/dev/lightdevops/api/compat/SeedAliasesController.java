package dev.lightdevops.api.compat;

import dev.lightdevops.common.tool.ToolCatalogue;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gateway-style aliases: the seed routes called by their operation ids ({@code POST /getMcpResourcesLogs} with
 * {@code {"params":{"arguments":{...}}}}), at the root and under {@code /mcp/tools/} where the original's README
 * lists them ({@code POST /mcp/tools/getMcpResourcesLogs}, ...). Each alias is an explicit path, so no route can
 * shadow another (the original's catch-all did). Hidden from the OpenAPI document: there, each call is listed once, under its route.
 * The tool aliases ({@code postMcpTools*}) answer POST only: any web page can make a browser send a GET.
 */
@Hidden
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class SeedAliasesController {

    private final ServerInfo server;
    private final SeedCalls calls;

    SeedAliasesController(ServerInfo server, SeedCalls calls) {
        this.server = server;
        this.calls = calls;
    }

    @RequestMapping(path = {"/get", "/mcp/tools/get"},
            method = {RequestMethod.GET, RequestMethod.POST})
    Map<String, Object> get() {
        return server.describe();
    }

    @RequestMapping(path = {"/getMcpResources", "/mcp/tools/getMcpResources"},
            method = {RequestMethod.GET, RequestMethod.POST})
    Map<String, Object> getMcpResources() {
        return calls.resources();
    }

    @RequestMapping(path = {"/getMcpTools", "/mcp/tools/getMcpTools"},
            method = {RequestMethod.GET, RequestMethod.POST})
    Map<String, Object> getMcpTools() {
        return calls.tools();
    }

    @RequestMapping(path = {"/getMcpResourcesLogs", "/mcp/tools/getMcpResourcesLogs"},
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Object> getMcpResourcesLogs(@RequestParam Map<String, String> query,
            @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        return calls.fetch(ToolCatalogue.GET_LOGS, merged(query, body), calls.caller(request));
    }

    @RequestMapping(path = {"/getMcpResourcesMetrics", "/mcp/tools/getMcpResourcesMetrics"},
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Object> getMcpResourcesMetrics(@RequestParam Map<String, String> query,
            @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        return calls.fetch(ToolCatalogue.GET_METRICS, merged(query, body), calls.caller(request));
    }

    @RequestMapping(path = {"/postMcpToolsDeployService", "/mcp/tools/postMcpToolsDeployService"},
            method = RequestMethod.POST)
    ResponseEntity<Object> postMcpToolsDeployService(@RequestParam Map<String, String> query,
            @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        return calls.call(ToolCatalogue.DEPLOY_SERVICE, merged(query, body), calls.caller(request));
    }

    @RequestMapping(path = {"/postMcpToolsRollbackDeployment", "/mcp/tools/postMcpToolsRollbackDeployment"},
            method = RequestMethod.POST)
    ResponseEntity<Object> postMcpToolsRollbackDeployment(@RequestParam Map<String, String> query,
            @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        return calls.call(ToolCatalogue.ROLLBACK_DEPLOYMENT, merged(query, body), calls.caller(request));
    }

    @RequestMapping(path = {"/postMcpToolsAuthenticateUser", "/mcp/tools/postMcpToolsAuthenticateUser"},
            method = RequestMethod.POST)
    ResponseEntity<Object> postMcpToolsAuthenticateUser(@RequestParam Map<String, String> query,
            @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        return calls.call(ToolCatalogue.AUTHENTICATE_USER, merged(query, body), calls.caller(request));
    }

    /** Query parameters, overridden by the body's arguments (gateway style, nested, or flat). */
    private static Map<String, Object> merged(Map<String, String> query, Map<String, Object> body) {
        Map<String, Object> arguments = new LinkedHashMap<>(query);
        arguments.putAll(SeedCalls.arguments(body));
        return SeedCalls.arguments(arguments);
    }
}
