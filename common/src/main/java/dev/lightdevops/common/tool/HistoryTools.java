package dev.lightdevops.common.tool;

import dev.lightdevops.common.operation.OperationStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Definitions of the tools that ask the past: the history store's answers. */
final class HistoryTools {

    private static final Map<String, Object> TIME = Map.of("type", "string", "description",
            "an ISO-8601 instant, or an age such as 30m, 24h, 7d (that long before now)");

    static final ToolDefinition CHANGES = new ToolDefinition(ToolCatalogue.LIST_CHANGES, "List changes",
            "What changed: the deploys and rollbacks of your tenant, newest first, kept long after the operations "
                    + "themselves (months). Each change says who asked, the version deployed and the one live "
                    + "before, why, who approved it and how it ended. Filter by environment, service, principal, "
                    + "status, time range (since/until) and words of the reason (text); pass next_page_token back as "
                    + "page_token for more.",
            ToolCatalogue.objectSchema(properties(
                    "environment", Map.of("type", "string", "enum", Environment.wireNames()),
                    "service", Map.of("type", "string", "maxLength", 256),
                    "principal", Map.of("type", "string", "maxLength", 256, "description",
                            "who asked for the change"),
                    "status", Map.of("type", "string", "enum", Arrays.stream(OperationStatus.values())
                            .map(OperationStatus::wireName).toList()),
                    "since", TIME,
                    "until", TIME,
                    "text", Map.of("type", "string", "maxLength", 256, "description",
                            "words that must all appear in the change's reason"),
                    "page_size", Map.of("type", "integer", "minimum", 1, "maximum", 100, "default", 20),
                    "page_token", Map.of("type", "string")),
                    List.of()),
            changePage(), ToolDefinition.Kind.READ, false, ToolDefinition.Hints.read(false));

    private HistoryTools() {
    }

    private static Map<String, Object> changePage() {
        Map<String, Object> text = Map.of("type", List.of("string", "null"));
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("type", "object");
        change.put("properties", properties("operation_id", Map.of("type", "string"),
                "type", Map.of("type", "string", "enum", List.of("deploy", "rollback")),
                "service", text, "environment", text, "status", Map.of("type", "string"),
                "requested_by", text, "version", text, "from_version", text, "reason", text,
                "approved_by", Map.of("type", "array", "items", Map.of("type", "string")),
                "approved_at", text,
                "error", Map.of("type", List.of("object", "null")),
                "rolled_back_to", text,
                "attempt", Map.of("type", "integer"),
                "created_at", Map.of("type", "string"),
                "finished_at", text));
        change.put("required", List.of("operation_id", "type", "status", "created_at"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties("changes", Map.of("type", "array", "items", change),
                "next_page_token", text));
        schema.put("required", List.of("changes"));
        return schema;
    }

    private static Map<String, Object> properties(Object... nameThenSchema) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSchema.length; i += 2) {
            properties.put((String) nameThenSchema[i], nameThenSchema[i + 1]);
        }
        return properties;
    }
}
