package dev.lightdevops.worker.execution;

import dev.lightdevops.common.operation.OperationError;

/** An executor's failure with its reason: a stable code, a message for people, and whether a retry may help. */
public class OperationFailedException extends RuntimeException {

    private final String code;
    private final boolean retryable;

    public OperationFailedException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public OperationFailedException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public OperationError toError() {
        return new OperationError(code, getMessage(), retryable);
    }
}
