package dev.lightdevops.api.mcp;

import dev.lightdevops.api.identity.LimitExceededException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The failures the protocol names, each mapped once to its error response: a {@link JsonRpcException} as itself, a
 * per-principal limit as {@link JsonRpc#LIMIT_EXCEEDED} with when to retry. Anything else is unexpected: the caller
 * answers it as an internal error in its own words.
 */
final class JsonRpcErrors {

    private JsonRpcErrors() {
    }

    /** The cause a failure stands for: what a future completed with, else the failure itself. */
    static Throwable causeOf(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The error response of a failure the protocol names, or empty when the failure is unexpected. */
    static Optional<JsonRpcMessage.ErrorResponse> known(Object id, Throwable cause) {
        return switch (cause) {
            case JsonRpcException rpc -> Optional.of(JsonRpcMessage.error(id, rpc.code(), rpc.getMessage(),
                    rpc.data()));
            case LimitExceededException limited -> Optional.of(JsonRpcMessage.error(id, JsonRpc.LIMIT_EXCEEDED,
                    limited.getMessage(), Map.of("reason", limited.code(), "retry_after_seconds",
                            limited.retryAfterSeconds())));
            default -> Optional.empty();
        };
    }
}
