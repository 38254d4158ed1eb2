package dev.lightdevops.api.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Who this server is and what it offers, in each era: the {@code initialize} result (2025-11-25), the
 * {@code server/discover} result (2026-07-28), and the instructions that tell an agent how operations work.
 */
@Component
class ServerDescription {

    static final Map<String, Object> SERVER_INFO = Map.of("name", "light-devops-mcp", "title", "Light DevOps MCP",
            "version", "0.1.0");

    static final String INSTRUCTIONS = """
            Light DevOps MCP runs DevOps operations (deploys, rollbacks, log and metric fetches) for you.
            Every mutating or slow tool answers at once with an operation: its id (operation_id), its status (queued) \
            and a result flagged "placeholder": true, which is NOT the outcome. The work runs in the background.
            To learn the outcome: call get_operation with {"operation_id": "<id>", "wait_seconds": <up to 60>} until \
            status is succeeded, failed, cancelled, timed_out, rejected or expired (poll_interval_ms says how often to \
            poll without wait). Clients with MCP tasks get the operation as a task instead: its taskId is the \
            operation id (tasks/get; 2025-11-25 clients may also block on tasks/result). cancel_operation (or \
            tasks/cancel) asks an operation to stop. Production deploys need the Developer_prod_access role and then \
            wait in status awaiting_approval until another person approves them (approve_operation, by someone \
            holding approve_production; reject_operation says no): tell the user who must approve, and keep polling. \
            tools/list shows only the tools your role may use. Resources: devops://operations/{id} is an operation's \
            live snapshot.""";

    private final McpProperties settings;

    ServerDescription(McpProperties settings) {
        this.settings = settings;
    }

    McpResult.InitializeResult initializeResult(String requestedVersion) {
        String version = ProtocolEra.LEGACY_VERSIONS.contains(requestedVersion) ? requestedVersion
                : ProtocolEra.LATEST_LEGACY;
        return new McpResult.InitializeResult(version, legacyCapabilities(), SERVER_INFO, INSTRUCTIONS);
    }

    McpResult.DiscoverResult discoverResult() {
        return new McpResult.DiscoverResult(ProtocolEra.ALL_VERSIONS, modernCapabilities(), INSTRUCTIONS,
                settings.listTtl().toMillis(), "public");
    }

    /**
     * No session means no standalone stream to deliver {@code notifications/resources/updated} on, so 2025-11-25
     * clients are not offered {@code resources/subscribe}.
     */
    private static Map<String, Object> legacyCapabilities() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("tools", Map.of("listChanged", false));
        capabilities.put("resources", Map.of("subscribe", false, "listChanged", false));
        capabilities.put("prompts", Map.of("listChanged", false));
        capabilities.put("logging", Map.of());
        capabilities.put("tasks", Map.of("list", Map.of(), "cancel", Map.of(),
                "requests", Map.of("tools", Map.of("call", Map.of()))));
        return capabilities;
    }

    private static Map<String, Object> modernCapabilities() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("tools", Map.of("listChanged", false));
        capabilities.put("resources", Map.of("subscribe", true, "listChanged", false));
        capabilities.put("prompts", Map.of("listChanged", false));
        capabilities.put("extensions", Map.of(ClientProfile.TASKS_EXTENSION, Map.of()));
        return capabilities;
    }

    static List<String> legacyOnlyMethods() {
        return List.of("initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe",
                "tasks/result", "tasks/list", "notifications/initialized");
    }
}
