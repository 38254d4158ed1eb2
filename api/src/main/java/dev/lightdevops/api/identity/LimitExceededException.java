package dev.lightdevops.api.identity;

import java.time.Duration;

/** A per-principal limit refused the call; nothing was published. Answered with 429 / a JSON-RPC error. */
public class LimitExceededException extends RuntimeException {

    private final String code;
    private final Duration retryAfter;

    public LimitExceededException(String code, String message, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** {@code rate_limited} or {@code too_many_operations}. */
    public String code() {
        return code;
    }

    /** Whole seconds to wait before retrying, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
