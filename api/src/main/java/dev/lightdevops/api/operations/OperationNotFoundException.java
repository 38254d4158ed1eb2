package dev.lightdevops.api.operations;

/** No operation with that id is visible to the caller (unknown, expired, or another tenant's). */
public class OperationNotFoundException extends RuntimeException {

    public OperationNotFoundException(String id) {
        super("no operation with id '" + id + "'");
    }

    public OperationNotFoundException(String id, String why) {
        super("no operation with id '" + id + "' found: " + why);
    }
}
