package dev.lightdevops.api.mcp;

import dev.lightdevops.api.tools.ToolResult;

/** The tool behind a resource refused to read it for this caller (permission, arguments); the result says why. */
public class ResourceRefusedException extends RuntimeException {

    private final transient ToolResult result;

    public ResourceRefusedException(ToolResult result) {
        super(result.text());
        this.result = result;
    }

    public ToolResult result() {
        return result;
    }
}
