package dev.lightdevops.api.web;

import dev.lightdevops.api.identity.LimitExceededException;
import dev.lightdevops.api.identity.PermissionDeniedException;
import dev.lightdevops.api.identity.UnauthenticatedException;
import dev.lightdevops.api.operations.CommandNotDurableException;
import dev.lightdevops.api.operations.OperationNotFoundException;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.net.URI;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps each error type, once, to an RFC 9457 problem. Spring's own errors (malformed bodies, unsupported media types,
 * missing routes) come out as problems through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    @ExceptionHandler(OperationNotFoundException.class)
    ProblemDetail notFound(OperationNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "operation-not-found", e.getMessage());
    }

    @ExceptionHandler(InvalidArgumentsException.class)
    ProblemDetail invalid(InvalidArgumentsException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-argument", e.getMessage());
        if (e.argument() != null) {
            problem.setProperty("argument", e.argument());
        }
        return problem;
    }

    @ExceptionHandler(PermissionDeniedException.class)
    ProblemDetail denied(PermissionDeniedException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "permission-denied", e.getMessage());
        problem.setProperty("permission", e.permission());
        return problem;
    }

    @ExceptionHandler(UnauthenticatedException.class)
    ResponseEntity<ProblemDetail> unauthenticated(UnauthenticatedException e) {
        String metadata = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/.well-known/oauth-protected-resource").build().toUriString();
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer resource_metadata=\"" + metadata + "\"")
                .body(problem(HttpStatus.UNAUTHORIZED, "unauthenticated", e.getMessage()));
    }

    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<ProblemDetail> limited(LimitExceededException e) {
        ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, e.code().replace('_', '-'), e.getMessage());
        problem.setProperty("retry_after_seconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(problem);
    }

    @ExceptionHandler(CommandNotDurableException.class)
    ResponseEntity<ProblemDetail> unavailable(CommandNotDurableException e) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", e.getMessage());
        problem.setProperty("retryable", true);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem);
    }

    /** Tomcat refuses query parameters that are not valid UTF-8 only when they are read (by a controller). */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameter(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-argument",
                "a query parameter could not be decoded: percent-encode its value as UTF-8");
    }

    static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://lightdevops.dev/problems/" + type));
        return problem;
    }
}
