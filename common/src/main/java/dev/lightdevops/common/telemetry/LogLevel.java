package dev.lightdevops.common.telemetry;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Log levels as callers name them, with the Datadog statuses each one matches: faithful, so DEBUG stays DEBUG and
 * WARN matches both {@code warn} and {@code warning}.
 */
public enum LogLevel {
    DEBUG("debug", List.of("debug", "trace")),
    INFO("info", List.of("info", "notice", "ok")),
    WARN("warn", List.of("warn", "warning")),
    ERROR("error", List.of("error", "err")),
    CRITICAL("critical", List.of("critical", "alert", "emergency", "emerg", "fatal"));

    private final String wireName;
    private final List<String> statuses;

    LogLevel(String wireName, List<String> statuses) {
        this.wireName = wireName;
        this.statuses = statuses;
    }

    public String wireName() {
        return wireName;
    }

    /** The Datadog statuses (the {@code status} attribute values) this level matches. */
    public List<String> statuses() {
        return statuses;
    }

    /** Accepts any case and the common aliases ({@code warning}, {@code err}, {@code fatal}, ...). */
    public static Optional<LogLevel> parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT).trim();
        return Arrays.stream(values()).filter(level -> level.statuses.contains(lower)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(LogLevel::wireName).toList();
    }
}
