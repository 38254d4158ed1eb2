package dev.lightdevops.bench.drills.cluster;

import dev.lightdevops.bench.load.ApiClient;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one deploy call got back, as a client must tell it apart: an acceptance (an id whose command Kafka holds), a
 * retryable refusal (nothing accepted, try again), "outcome unknown" (an id to check; a retry with the same
 * idempotency key returns it), no answer at all (the connection failed or the call timed out), or anything else,
 * which a client could not act on.
 */
public sealed interface Outcome {

    record Accepted(String id) implements Outcome {
    }

    record Retryable(String code) implements Outcome {
    }

    record Unknown(String id) implements Outcome {
    }

    record NoAnswer(String reason) implements Outcome {
    }

    record Unclear(String answer) implements Outcome {
    }

    Pattern OPERATION_ID = Pattern.compile("\"operation_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    Pattern MENTIONED_ID = Pattern.compile("operation ([0-9a-f-]{36})");
    Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"|error code: ([a-z_]+)");

    static Outcome of(HttpResponse<String> answer) {
        String id = ApiClient.acceptedOperationId(answer);
        if (id != null) {
            return new Accepted(id);
        }
        String body = answer.body();
        if (body.contains("outcome_unknown")) {
            Matcher named = OPERATION_ID.matcher(body);
            Matcher mentioned = MENTIONED_ID.matcher(body);
            String unknown = named.find() ? named.group(1) : mentioned.find() ? mentioned.group(1) : null;
            if (unknown != null) {
                return new Unknown(unknown);
            }
        }
        if (body.contains("\"retryable\":true") || body.contains("retryable: true") || answer.statusCode() == 503) {
            Matcher code = ERROR_CODE.matcher(body);
            return new Retryable(!code.find() ? "http_" + answer.statusCode()
                    : code.group(1) != null ? code.group(1) : code.group(2));
        }
        return new Unclear(answer.statusCode() + " " + body.substring(0, Math.min(240, body.length())));
    }

    /** A short label for the report's counts. */
    default String label() {
        return switch (this) {
            case Accepted accepted -> "accepted";
            case Retryable retryable -> "retryable error (" + retryable.code() + ")";
            case Unknown unknown -> "outcome unknown, with the id";
            case NoAnswer noAnswer -> "no answer";
            case Unclear unclear -> "unclear answer";
        };
    }
}
