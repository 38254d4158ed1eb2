package dev.lightdevops.common.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.lightdevops.common.operation.OperationStatus;

/** JSON Schemas of what tools answer, shared by the tools that answer the same shape. */
final class OutputSchemas {

    /** An operation snapshot, as {@code ops.status} carries it and {@code get_operation} returns it. */
    static final Map<String, Object> OPERATION = operation();

    /** The immediate answer of a tool that started an operation: id, status and a placeholder result. */
    static final Map<String, Object> ACCEPTED_OPERATION = accepted();

    /** Who the caller is and what it may do ({@code authenticate_user}). */
    static final Map<String, Object> IDENTITY = identity();

    /** What get_operation and cancel_operation answer: {@code {"operation": <snapshot>}}. */
    static final Map<String, Object> OPERATION_ENVELOPE = envelope();

    /** What list_operations answers: a page of snapshots, newest first, and the token of the next page. */
    static final Map<String, Object> OPERATION_PAGE = page();

    private OutputSchemas() {
    }

    private static Map<String, Object> identity() {
        Map<String, Object> strings = Map.of("type", "array", "items", Map.of("type", "string"));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("authenticated", Map.of("type", "boolean"));
        properties.put("principal", Map.of("type", "string"));
        properties.put("name", Map.of("type", List.of("string", "null")));
        properties.put("email", Map.of("type", List.of("string", "null")));
        properties.put("tenant", Map.of("type", "string"));
        properties.put("roles", strings);
        properties.put("permissions", strings);
        properties.put("source", Map.of("type", "string", "enum", List.of("bearer", "anonymous", "token_argument")));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.of("principal", "tenant", "roles", "permissions"));
        return schema;
    }

    private static Map<String, Object> operation() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", Map.of("type", "string"));
        properties.put("type", Map.of("type", "string"));
        properties.put("status", Map.of("type", "string", "enum", OperationStatus.wireNames()));
        properties.put("target", Map.of("type", "object"));
        properties.put("progress", Map.of("type", List.of("object", "null")));
        properties.put("result", Map.of("type", List.of("object", "null")));
        properties.put("error", Map.of("type", List.of("object", "null")));
        properties.put("placeholder", Map.of("type", List.of("object", "null")));
        properties.put("attempt", Map.of("type", "integer"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.of("id", "type", "status"));
        return schema;
    }

    private static Map<String, Object> accepted() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("operation_id", Map.of("type", "string"));
        properties.put("status", Map.of("type", "string"));
        properties.put("poll_interval_ms", Map.of("type", "integer"));
        properties.put("result", Map.of("type", "object", "description",
                "a placeholder flagged placeholder=true until the operation is terminal"));
        properties.put("operation", OPERATION);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.of("operation_id", "status", "result"));
        return schema;
    }

    private static Map<String, Object> envelope() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of("operation", OPERATION));
        schema.put("required", List.of("operation"));
        return schema;
    }

    private static Map<String, Object> page() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("operations", Map.of("type", "array", "items", OPERATION));
        properties.put("next_page_token", Map.of("type", List.of("string", "null")));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.of("operations"));
        return schema;
    }
}
