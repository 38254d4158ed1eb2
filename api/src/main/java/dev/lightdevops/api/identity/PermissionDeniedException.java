package dev.lightdevops.api.identity;

/** The caller lacks the permission an action needs. Nothing was published. */
public class PermissionDeniedException extends RuntimeException {

    private final String permission;

    public PermissionDeniedException(String permission, String action) {
        super("permission '" + permission + "' is required to " + action);
        this.permission = permission;
    }

    public String permission() {
        return permission;
    }
}
