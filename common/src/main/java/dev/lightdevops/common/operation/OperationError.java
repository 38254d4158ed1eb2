package dev.lightdevops.common.operation;

/** Why an operation did not succeed; {@code retryable} tells the caller whether trying again may help. */
public record OperationError(String code, String message, boolean retryable) {
}
