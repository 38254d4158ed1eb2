package dev.lightdevops.api.identity;

/** No valid credentials came with the request. */
public class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException(String message) {
        super(message);
    }
}
