package dev.lightdevops.api.history;

import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.tool.Environment;
import dev.lightdevops.common.tool.HumanText;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.springframework.boot.convert.DurationStyle;

/**
 * What {@code list_changes}, {@code GET /api/v1/history} and {@code GET /api/v1/audit} select: optional filters, a
 * time range, a page size and the cursor of the page. Times are ISO-8601 instants or ages ({@code 24h}, {@code 7d}:
 * that long before now). The cursor is opaque to clients: the time and id of the last row of the previous page,
 * newest first, so pages stay stable while new rows arrive at the top.
 *
 * @param status an operation status (history) or an audit outcome (audit)
 * @param text words that must all appear in the reason (history) or the reason or detail (audit)
 * @param action audit only: accepted, refused, finished, ...
 */
record HistoryFilter(String environment, String service, String principal, String status, Instant since,
        Instant until, String text, String action, int pageSize, Cursor after) {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_TEXT = 256;

    /** Parses the filters as given on the wire (any may be null); every bad value names its argument. */
    static HistoryFilter parse(String environment, String service, String principal, String status, String since,
            String until, String text, String action, Integer pageSize, String pageToken, Instant now) {
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidArgumentsException("page_size", "must be from 1 to " + MAX_PAGE_SIZE);
        }
        String env = line("environment", environment);
        if (env != null && Environment.fromWireName(env).isEmpty()) {
            throw new InvalidArgumentsException("environment", "must be one of " + Environment.wireNames());
        }
        Instant from = time("since", since, now);
        Instant to = time("until", until, now);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidArgumentsException("since", "must be before until");
        }
        return new HistoryFilter(env, line("service", service), line("principal", principal),
                line("status", status), from, to, line("text", text), line("action", action), size,
                pageToken == null || pageToken.isBlank() ? null : Cursor.parse(pageToken));
    }

    /** The status filter checked against the operation lifecycle (history; the audit takes any outcome). */
    HistoryFilter requireOperationStatus() {
        if (status != null) {
            try {
                OperationStatus.fromWireName(status);
            } catch (IllegalArgumentException unknown) {
                throw new InvalidArgumentsException("status", "unknown status '" + abbreviate(status)
                        + "'; expected one of " + java.util.Arrays.stream(OperationStatus.values())
                                .map(OperationStatus::wireName).toList());
            }
        }
        return this;
    }

    private static String line(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidArgumentsException(name, "must be one line of at most " + MAX_TEXT + " characters");
        }
        String flaw = HumanText.flaw(value);
        if (flaw != null) {
            throw new InvalidArgumentsException(name, flaw);
        }
        return value.trim();
    }

    private static Instant time(String name, String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                Duration age = DurationStyle.detectAndParse(text);
                if (age.isNegative()) {
                    throw new InvalidArgumentsException(name, "an age must not be negative");
                }
                return now.minus(age);
            } catch (IllegalArgumentException notAnAge) {
                throw new InvalidArgumentsException(name, "'" + abbreviate(text) + "' is neither an ISO-8601 "
                        + "instant (2026-12-01T08:00:00Z) nor an age such as 24h or 7d");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** The position after a row in newest-first order: its time (microseconds, as stored) and id. */
    record Cursor(Instant at, String id) {

        String token() {
            long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                        .split(":", 2);
                long micros = Long.parseLong(parts[0]);
                if (parts[1].isEmpty()) {
                    throw new IllegalArgumentException("no id");
                }
                return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000), parts[1]);
            } catch (RuntimeException malformed) {
                throw new InvalidArgumentsException("page_token",
                        "is not a page token this server issued; pass next_page_token back unchanged");
            }
        }
    }
}
