package dev.lightdevops.api.compat;

import dev.lightdevops.api.rest.ToolResponses;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The seed routes' answers. They keep the original's {@code success} flag, with one rule: {@code success} is true
 * only while nothing has failed (the operation is queued, running or succeeded), never for a failed, cancelled or
 * timed-out operation, nor for a refused call. Every answer about an operation carries its id; errors are RFC 9457
 * problems that also carry {@code success: false}.
 */
final class SeedAnswers {

    private SeedAnswers() {
    }

    /** The answer of a tool call that started an operation (or of a direct read when there is none). */
    static ResponseEntity<Object> accepted(ToolResult result) {
        if (result.error()) {
            return refused(result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.putAll(result.structured());
        body.put("message", result.text());
        if (result.structured().get("operation_id") instanceof String id) {
            body.put("placeholder", true);
            body.put("poll", "/api/v1/operations/" + id);
        }
        return ok(HttpStatus.OK, body);
    }

    /** The answer of a fetch, after waiting for its operation: the data, or where things stand. */
    static ResponseEntity<Object> fetched(Operation operation) {
        return fetched(operation, data -> data);
    }

    /** The same, with the data shaped by the route (e.g. the metrics route's {@code limit}). */
    static ResponseEntity<Object> fetched(Operation operation, UnaryOperator<Map<String, Object>> shape) {
        if (operation.status() == OperationStatus.SUCCEEDED) {
            Map<String, Object> body = base(operation, true);
            body.put("data", shape.apply(operation.result()));
            return ok(HttpStatus.OK, body);
        }
        if (operation.isTerminal()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                    "operation " + operation.id() + " ended " + operation.status().wireName()
                            + (operation.error() == null ? "" : ": " + operation.error().message()));
            problem.setType(URI.create(ToolResponses.PROBLEM_BASE + "operation-" + operation.status().wireName()
                    .replace('_', '-')));
            problem.setProperty("success", false);
            problem.setProperty("operation_id", operation.id());
            problem.setProperty("status", operation.status().wireName());
            problem.setProperty("error", operation.error());
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        Map<String, Object> body = base(operation, true);
        body.put("placeholder", true);
        body.put("message", "still " + operation.status().wireName() + "; poll " + body.get("poll"));
        return ok(HttpStatus.ACCEPTED, body);
    }

    static ResponseEntity<Object> refused(ToolResult result) {
        ProblemDetail problem = ToolResponses.problemOf(result);
        problem.setProperty("success", false);
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static Map<String, Object> base(Operation operation, boolean success) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", success);
        body.put("operation_id", operation.id());
        body.put("status", operation.status().wireName());
        body.put("poll", "/api/v1/operations/" + operation.id());
        body.put("operation", operation);
        return body;
    }

    private static ResponseEntity<Object> ok(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
