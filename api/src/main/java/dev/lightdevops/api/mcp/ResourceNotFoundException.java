package dev.lightdevops.api.mcp;

/** No such {@code devops://} resource, or the caller may not see it. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String what) {
        super("resource not found: " + what);
    }
}
