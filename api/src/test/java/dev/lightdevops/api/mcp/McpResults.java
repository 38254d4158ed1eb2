package dev.lightdevops.api.mcp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reads what tests need from a CallToolResult: error results carry their code in the text, not as structure. */
public final class McpResults {

    private static final Pattern ERROR_CODE = Pattern.compile("\\(error code: ([a-z_]+),");

    private McpResults() {
    }

    /** The text of a CallToolResult's first content item. */
    public static String text(JsonNode callToolResult) {
        return callToolResult.get("content").get(0).get("text").asString();
    }

    /** The error code of an error result, or null when the result is not an error. */
    public static String errorCode(JsonNode callToolResult) {
        if (!callToolResult.get("isError").asBoolean()) {
            return null;
        }
        Matcher code = ERROR_CODE.matcher(text(callToolResult));
        return code.find() ? code.group(1) : null;
    }
}
