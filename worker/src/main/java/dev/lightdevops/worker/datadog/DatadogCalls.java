package dev.lightdevops.worker.datadog;

import com.datadog.api.client.ApiException;
import dev.lightdevops.worker.execution.OperationFailedException;
import jakarta.ws.rs.ProcessingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one Datadog call with the retry policy of the issue, and maps what still fails to a clear operation error:
 * 401/403 fail for good with a hint about the keys, 429 waits for the rate-limit reset the response announces,
 * 5xx and timeouts back off exponentially; when attempts run out the error is retryable. The client's own retry is
 * off because it sleeps in whole seconds and swallows interrupts, which would defeat cancellation.
 */
class DatadogCalls {

    /** One call to the client. */
    interface Call<T> {
        T run() throws ApiException;
    }

    /** How the policy waits; tests record the waits instead of sleeping. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final DatadogProperties settings;
    private final Pause pause;

    DatadogCalls(DatadogProperties settings, Pause pause) {
        this.settings = settings;
        this.pause = pause;
    }

    <T> T call(String what, Call<T> call) throws InterruptedException {
        Duration backoff = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("cancelled before calling Datadog");
            }
            OperationFailedException failure;
            Duration wait;
            try {
                return call.run();
            } catch (ApiException error) {
                failure = map(what, error);
                wait = error.getCode() == 429 ? rateLimitReset(error.getResponseHeaders()) : backoff;
            } catch (ProcessingException timeoutOrConnection) {
                failure = new OperationFailedException("datadog_unavailable", "Datadog did not answer " + what + ": "
                        + timeoutOrConnection.getMessage(), true, timeoutOrConnection);
                wait = backoff;
            }
            if (!failure.retryable() || attempt >= settings.maxAttempts()) {
                throw failure;
            }
            if (wait.compareTo(settings.maxRateLimitWait()) > 0) {
                throw new OperationFailedException("datadog_rate_limited", "Datadog rate-limited " + what
                        + "; the limit resets in " + wait.toSeconds() + " s: retry after that", true);
            }
            pause.sleep(wait);
            backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
        }
    }

    private static OperationFailedException map(String what, ApiException error) {
        int code = error.getCode();
        if (code == 401 || code == 403) {
            return new OperationFailedException("datadog_unauthorized", "Datadog refused " + what + " (HTTP " + code
                    + "): check DD_API_KEY and DD_APP_KEY (the application key needs the logs_read_data and "
                    + "timeseries_query scopes) and that DD_SITE is your account's site", false);
        }
        if (code == 429) {
            return new OperationFailedException("datadog_rate_limited", "Datadog rate-limited " + what
                    + " and the retries ran out; retry later", true);
        }
        if (code >= 500 || code == 0) {
            return new OperationFailedException("datadog_unavailable", "Datadog failed " + what + " (HTTP " + code
                    + ") and the retries ran out; retry later", true);
        }
        return new OperationFailedException("datadog_bad_request", "Datadog rejected " + what + " (HTTP " + code
                + "): " + abbreviate(error.getResponseBody()), false);
    }

    /** Datadog's {@code X-RateLimit-Reset}: seconds until the window resets. */
    private Duration rateLimitReset(Map<String, List<String>> headers) {
        if (headers != null) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if ("x-ratelimit-reset".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                    try {
                        return Duration.ofSeconds(Math.max(0, Long.parseLong(header.getValue().get(0).trim())));
                    } catch (NumberFormatException unreadable) {
                        return settings.backoff();
                    }
                }
            }
        }
        return settings.backoff();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "no details";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
