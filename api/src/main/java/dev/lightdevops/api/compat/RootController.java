package dev.lightdevops.api.compat;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /}: the server info as JSON for programs (the original's answer, and the default), the live dashboard
 * for browsers (which ask for {@code text/html}).
 */
@RestController
class RootController {

    private static final Resource DASHBOARD = new ClassPathResource("static/dashboard/index.html");

    private final ServerInfo server;

    RootController(ServerInfo server) {
        this.server = server;
    }

    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "get", summary = "Server info: name, version, endpoints, tools")
    Map<String, Object> info() {
        return server.describe();
    }

    @Hidden
    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> dashboard() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache())
                .body(DASHBOARD);
    }
}
