package dev.lightdevops.api.rest;

import dev.lightdevops.common.tool.InvalidArgumentsException;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tool arguments from query parameters. A query string has only strings, so each value is converted to the type its
 * tool's input schema declares (integer, number, boolean); a value that does not convert is an invalid argument.
 */
public final class ToolArguments {

    private ToolArguments() {
    }

    /** Converts the string values to the types the schema declares; other values are kept as they are. */
    public static Map<String, Object> fromQuery(Map<String, ?> query, ToolDefinition tool) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        query.forEach((name, value) -> arguments.put(name,
                value instanceof String text ? typed(name, text, typeOf(tool, name)) : value));
        return arguments;
    }

    private static Object typed(String name, String value, String type) {
        try {
            return switch (type) {
                case "integer" -> Long.parseLong(value.trim());
                case "number" -> Double.parseDouble(value.trim());
                case "boolean" -> parseBoolean(value);
                default -> value;
            };
        } catch (IllegalArgumentException notThatType) {
            throw new InvalidArgumentsException(name, "must be " + ("integer".equals(type) ? "an " : "a ") + type
                    + ", got '" + value + "'");
        }
    }

    private static boolean parseBoolean(String value) {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(value);
    }

    private static String typeOf(ToolDefinition tool, String argument) {
        if (tool.inputSchema().get("properties") instanceof Map<?, ?> properties
                && properties.get(argument) instanceof Map<?, ?> schema && schema.get("type") instanceof String type) {
            return type;
        }
        return "string";
    }
}
