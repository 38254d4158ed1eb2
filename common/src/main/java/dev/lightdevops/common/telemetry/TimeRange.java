package dev.lightdevops.common.telemetry;

import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time range as callers write it: {@code since} is an ISO-8601 instant or a look-back such as {@code 15m}, {@code 2h},
 * {@code 7d}; {@code until} is an instant or {@code now}. Kept as written, so "the last 15 minutes" asked twice is the
 * same query (and the same cache entry); resolved to instants only when a worker runs the query.
 */
public record TimeRange(String since, String until) {

    private static final Pattern LOOK_BACK = Pattern.compile("(\\d{1,6})([smhd])");
    private static final String EXPECTED = "an ISO-8601 instant (2026-11-25T13:00:00Z) or a look-back such as 15m, 2h, 7d";
    private static final Duration LONGEST = Duration.ofDays(32);

    public static TimeRange of(String since, String until, String defaultSince) {
        TimeRange range = new TimeRange(since == null ? defaultSince : since.trim(),
                until == null ? "now" : until.trim());
        Instant reference = Instant.parse("2026-01-01T00:00:00Z");
        Instant from = range.parse("since", range.since, reference);
        Instant to = range.parse("until", range.until, reference);
        if (!range.since.matches(LOOK_BACK.pattern()) && !"now".equals(range.until) && !from.isBefore(to)) {
            throw new InvalidArgumentsException("since", "must be before until");
        }
        return range;
    }

    /** The range as instants, relative to {@code now}. */
    public Instant from(Instant now) {
        return parse("since", since, now);
    }

    public Instant to(Instant now) {
        return parse("until", until, now);
    }

    private Instant parse(String name, String text, Instant now) {
        if ("until".equals(name) && "now".equals(text)) {
            return now;
        }
        Matcher lookBack = LOOK_BACK.matcher(text);
        if (lookBack.matches()) {
            Duration ago = switch (lookBack.group(2)) {
                case "s" -> Duration.ofSeconds(Long.parseLong(lookBack.group(1)));
                case "m" -> Duration.ofMinutes(Long.parseLong(lookBack.group(1)));
                case "h" -> Duration.ofHours(Long.parseLong(lookBack.group(1)));
                default -> Duration.ofDays(Long.parseLong(lookBack.group(1)));
            };
            if (ago.isZero() || ago.compareTo(LONGEST) > 0) {
                throw new InvalidArgumentsException(name, "look-back must be between 1s and 32d");
            }
            return now.minus(ago);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            throw new InvalidArgumentsException(name, "'" + (text.length() > 40 ? text.substring(0, 40) : text)
                    + "' is not " + EXPECTED + ("until".equals(name) ? " or now" : ""));
        }
    }
}
