package dev.lightdevops.api.rest;

/** A route is backed by a tool this server does not offer (not deployed in this build, or not configured). */
public class ToolUnavailableException extends RuntimeException {

    public ToolUnavailableException(String tool) {
        super("the tool '" + tool + "' behind this route is not available on this server");
    }
}
