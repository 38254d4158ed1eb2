package dev.lightdevops.api.operations;

/**
 * Kafka did not acknowledge a write in time and nothing was changed: for an acceptance, the call was not accepted, no
 * worker will run it, and the caller holds no operation id to follow. Retryable.
 */
public class CommandNotDurableException extends RuntimeException {

    public CommandNotDurableException(String message, Throwable cause) {
        super(message, cause);
    }
}
