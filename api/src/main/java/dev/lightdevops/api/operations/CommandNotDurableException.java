package dev.lightdevops.api.operations;

/**
 * Kafka did not acknowledge a command in time: the call was not accepted and the caller holds no operation id.
 * Retryable.
 */
public class CommandNotDurableException extends RuntimeException {

    public CommandNotDurableException(String message, Throwable cause) {
        super(message, cause);
    }
}
