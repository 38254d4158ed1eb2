package dev.lightdevops.api.rest;

import dev.lightdevops.api.tools.ToolResult;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A tool's answer as HTTP: an accepted operation is {@code 202 Accepted} with a {@code Location} to poll, a read is
 * {@code 200}, and an error result is an RFC 9457 problem whose status follows the error code.
 */
public final class ToolResponses {

    public static final String PROBLEM_BASE = "https://lightdevops.dev/problems/";

    private ToolResponses() {
    }

    public static ResponseEntity<Object> toHttp(ToolResult result) {
        if (result.error()) {
            return problem(result);
        }
        if (result.structured().get("operation_id") instanceof String id
                && ("queued".equals(result.structured().get("status"))
                        || "awaiting_approval".equals(result.structured().get("status")))) {
            return ResponseEntity.accepted().location(URI.create("/api/v1/operations/" + id))
                    .contentType(MediaType.APPLICATION_JSON).body(result.structured());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result.structured());
    }

    /** The error code of an error result ({@code error.code} of its structured content), or {@code internal}. */
    public static String errorCode(ToolResult result) {
        return result.structured().get("error") instanceof Map<?, ?> error && error.get("code") instanceof String code
                ? code : "internal";
    }

    public static HttpStatus statusOf(String code) {
        return switch (code) {
            case "invalid_argument", "invalid_token" -> HttpStatus.BAD_REQUEST;
            case "unauthenticated" -> HttpStatus.UNAUTHORIZED;
            case "permission_denied", "two_person_rule" -> HttpStatus.FORBIDDEN;
            case "not_found" -> HttpStatus.NOT_FOUND;
            case "conflict", "already_exists", "not_awaiting_approval" -> HttpStatus.CONFLICT;
            case "unavailable", "outcome_unknown" -> HttpStatus.SERVICE_UNAVAILABLE;
            case "rate_limited" -> HttpStatus.TOO_MANY_REQUESTS;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    public static ProblemDetail problemOf(ToolResult result) {
        String code = errorCode(result);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusOf(code), result.text());
        problem.setType(URI.create(PROBLEM_BASE + code.replace('_', '-')));
        problem.setProperty("code", code);
        if (result.structured().get("error") instanceof Map<?, ?> error && error.get("retryable") != null) {
            problem.setProperty("retryable", error.get("retryable"));
        }
        if (result.structured().get("error") instanceof Map<?, ?> error && error.get("next_action") != null) {
            problem.setProperty("next_action", error.get("next_action"));
        }
        if (result.structured().get("operation_id") instanceof String id) {
            problem.setProperty("operation_id", id);
        }
        return problem;
    }

    private static ResponseEntity<Object> problem(ToolResult result) {
        ProblemDetail problem = problemOf(result);
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
