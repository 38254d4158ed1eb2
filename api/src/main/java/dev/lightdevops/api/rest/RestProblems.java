package dev.lightdevops.api.rest;

import dev.lightdevops.api.tools.UnknownToolException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The REST layer's own errors as RFC 9457 problems (the shared ones are mapped in {@code web/ProblemResponses}). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RestProblems {

    @ExceptionHandler(UnknownToolException.class)
    ProblemDetail unknownTool(UnknownToolException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create(ToolResponses.PROBLEM_BASE + "unknown-tool"));
        return problem;
    }
}
