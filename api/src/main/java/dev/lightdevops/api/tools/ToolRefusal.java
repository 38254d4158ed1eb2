package dev.lightdevops.api.tools;

/**
 * A refusal a tool's caller can act on, thrown by whatever refused (not found, Kafka unavailable, an approval rule):
 * {@link ToolRegistry} answers it as {@link #asToolResult()}, an error result whose text ends with the next valid
 * action, so that every edge answers it alike and the registry needs to know no feature's exceptions.
 */
public interface ToolRefusal {

    /** The error result the caller sees instead of the tool's answer. */
    ToolResult asToolResult();
}
