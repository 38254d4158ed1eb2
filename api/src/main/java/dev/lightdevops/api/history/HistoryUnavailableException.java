package dev.lightdevops.api.history;

/** The history store is off (no database configured) or could not be reached; answered 503 / a retryable error. */
class HistoryUnavailableException extends RuntimeException {

    HistoryUnavailableException(String message) {
        super(message);
    }

    HistoryUnavailableException(Throwable cause) {
        super("the history store could not be reached; try again shortly", cause);
    }

    static HistoryUnavailableException off() {
        return new HistoryUnavailableException("this server keeps no history: no database is configured (set "
                + "DATABASE_URL or spring.datasource.url; docs/operations.md, \"History\")");
    }

    boolean retryable() {
        return getCause() != null;
    }
}
