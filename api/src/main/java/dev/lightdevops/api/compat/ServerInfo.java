package dev.lightdevops.api.compat;

import dev.lightdevops.api.observability.ViewCatchUp;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolRegistry;
import dev.lightdevops.common.observability.KafkaHealthIndicator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/** What {@code GET /} (as JSON) and {@code GET /health} say about this server. */
@Component
class ServerInfo {

    static final String NAME = "light-devops-mcp";
    static final String VERSION = "0.1.0";

    private final ToolRegistry tools;
    private final KafkaHealthIndicator kafka;
    private final ViewCatchUp view;
    private final Clock clock;

    ServerInfo(ToolRegistry tools, KafkaHealthIndicator kafka, ViewCatchUp view, Clock clock) {
        this.tools = tools;
        this.kafka = kafka;
        this.view = view;
        this.clock = clock;
    }

    Map<String, Object> describe() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", NAME);
        info.put("version", VERSION);
        info.put("description", "MCP server for AI agents running DevOps operations, backed by Kafka");
        info.put("status", "running");
        info.put("mcp_endpoint", "/mcp");
        info.put("endpoints", endpoints());
        info.put("tools", tools.all().stream().map(ToolHandler::definition).map(d -> d.name()).toList());
        return info;
    }

    /** Healthy when Kafka answers and this instance's operation view has caught up. */
    Map<String, Object> health() {
        String kafkaStatus = kafka.health().getStatus().getCode();
        String viewStatus = view.health().getStatus().getCode();
        boolean healthy = Status.UP.getCode().equals(kafkaStatus) && Status.UP.getCode().equals(viewStatus);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", healthy ? "healthy" : "unhealthy");
        health.put("service", NAME);
        health.put("version", VERSION);
        health.put("timestamp", clock.instant().toString());
        health.put("checks", Map.of("kafka", kafkaStatus.toLowerCase(), "operation_view", viewStatus.toLowerCase()));
        return health;
    }

    private static Map<String, Object> endpoints() {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("mcp", "/mcp");
        endpoints.put("health", "/health");
        endpoints.put("resources", "/mcp/resources");
        endpoints.put("tools", "/mcp/tools");
        endpoints.put("rest", "/api/v1");
        endpoints.put("openapi", "/v3/api-docs");
        endpoints.put("dashboard", "/");
        return endpoints;
    }
}
