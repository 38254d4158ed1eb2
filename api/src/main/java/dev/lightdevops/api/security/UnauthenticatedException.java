package dev.lightdevops.api.security;

/** No valid credentials came with the request. */
public class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException(String message) {
        super(message);
    }
}
