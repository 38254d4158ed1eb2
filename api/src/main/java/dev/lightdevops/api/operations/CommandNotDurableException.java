package dev.lightdevops.api.operations;

import dev.lightdevops.api.tools.ToolRefusal;
import dev.lightdevops.api.tools.ToolResult;

/**
 * Kafka did not acknowledge a write in time and nothing was changed: for an acceptance, the call was not accepted, no
 * worker will run it, and the caller holds no operation id to follow. Retryable.
 */
public class CommandNotDurableException extends RuntimeException implements ToolRefusal {

    public CommandNotDurableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ToolResult asToolResult() {
        return ToolResult.failed("unavailable", getMessage(), true, "Try the same call again in a few seconds.");
    }
}
