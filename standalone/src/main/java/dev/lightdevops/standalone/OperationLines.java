package dev.lightdevops.standalone;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.tool.HumanText;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * One line for a person per operation event on the local stack's console: accepted, awaiting approval, running (per
 * attempt), and how it ended, with its target, who asked and its id. Progress within an attempt is not narrated (the
 * dashboard shows it), and telemetry fetches are narrated only when they fail: the dashboard's charts ask for
 * metrics all the time. Text that came from a caller is escaped ({@link HumanText#escaped}).
 */
final class OperationLines {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private OperationLines() {
    }

    /** The line for {@code snapshot}, when it tells something new after {@code previous} (null: first seen). */
    static Optional<String> describe(Operation snapshot, Operation previous) {
        boolean news = previous == null || previous.status() != snapshot.status()
                || previous.attempt() != snapshot.attempt();
        boolean fetch = snapshot.type() == OperationType.FETCH_LOGS || snapshot.type() == OperationType.FETCH_METRICS;
        boolean fetchFailure = snapshot.isTerminal() && snapshot.status() != OperationStatus.SUCCEEDED;
        if (!news || fetch && !fetchFailure) {
            return Optional.empty();
        }
        String what = what(snapshot);
        String line = switch (snapshot.status()) {
            case AWAITING_APPROVAL -> "awaiting approval  " + what + ", asked by " + who(snapshot);
            case QUEUED -> "accepted  " + what + ", asked by " + who(snapshot);
            case RUNNING -> "running   " + what + (snapshot.attempt() > 1 ? " (attempt " + snapshot.attempt() + ")" : "");
            case SUCCEEDED -> "succeeded " + what + took(snapshot);
            case FAILED, TIMED_OUT, CANCELLED, REJECTED, EXPIRED ->
                    String.format("%-9s", snapshot.status().wireName().replace('_', ' ')) + " " + what + took(snapshot)
                            + (snapshot.error() == null ? "" : ": " + HumanText.escaped(snapshot.error().code()) + ": "
                                    + HumanText.escaped(snapshot.error().message()));
        };
        return Optional.of(CLOCK.format(snapshot.updatedAt() == null ? java.time.Instant.now() : snapshot.updatedAt())
                + "  " + line + "  [" + snapshot.id() + "]");
    }

    private static String what(Operation snapshot) {
        Map<String, Object> request = snapshot.request();
        String service = text(request.get("service"), snapshot.target() == null ? "?" : snapshot.target().service());
        String environment = text(request.get("environment"),
                snapshot.target() == null ? "?" : snapshot.target().environment());
        return switch (snapshot.type()) {
            case DEPLOY -> "deploy " + service + " " + text(request.get("version"), "?") + " to " + environment;
            case ROLLBACK -> "rollback " + service + " in " + environment
                    + (request.get("target_version") == null ? "" : " to " + text(request.get("target_version"), ""));
            case FETCH_LOGS -> "logs of " + text(request.get("service"), "every service");
            case FETCH_METRICS -> "metrics of " + text(request.get("service"), "every service");
        };
    }

    private static String who(Operation snapshot) {
        return snapshot.requestedBy() == null ? "?" : HumanText.escaped(snapshot.requestedBy());
    }

    private static String took(Operation snapshot) {
        if (snapshot.createdAt() == null || snapshot.finishedAt() == null) {
            return "";
        }
        Duration took = Duration.between(snapshot.createdAt(), snapshot.finishedAt());
        return String.format(" after %.1f s", took.toMillis() / 1000.0);
    }

    private static String text(Object value, String fallback) {
        return value == null ? fallback : HumanText.escaped(String.valueOf(value));
    }
}
