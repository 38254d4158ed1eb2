package dev.lightdevops.api.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Removes secrets from arguments before they are written anywhere people read (the audit trail, logs). */
final class Redaction {

    static final String REDACTED = "[redacted]";
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(token|secret|password|passwd|api[_-]?key|app[_-]?key|authorization|credential).*");
    private static final Pattern SECRET_VALUE =
            Pattern.compile("(?i)(bearer\\s+\\S+|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*)");

    private Redaction() {
    }

    static Map<String, Object> redact(Map<String, Object> arguments) {
        Map<String, Object> safe = new LinkedHashMap<>();
        arguments.forEach((name, value) -> safe.put(name, SECRET_NAME.matcher(name).matches() ? REDACTED
                : redactValue(value)));
        return safe;
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(Object value) {
        if (value instanceof Map<?, ?> nested) {
            return redact((Map<String, Object>) nested);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Redaction::redactValue).toList();
        }
        if (value instanceof String text) {
            return SECRET_VALUE.matcher(text).replaceAll(REDACTED);
        }
        return value;
    }
}
