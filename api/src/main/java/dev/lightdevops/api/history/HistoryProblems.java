package dev.lightdevops.api.history;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The history store's own error as an RFC 9457 problem: 503, retryable when the store is only unreachable. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class HistoryProblems {

    @ExceptionHandler(HistoryUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(HistoryUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(URI.create("https://lightdevops.dev/problems/history-unavailable"));
        problem.setProperty("retryable", e.retryable());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
        if (e.retryable()) {
            answer.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return answer.body(problem);
    }
}
