package dev.lightdevops.common.tool;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed, validated access to a tool call's arguments; every failure names the argument. */
public final class Arguments {

    private final Map<String, Object> values;

    private Arguments(Map<String, Object> values) {
        this.values = values;
    }

    /** Wraps the arguments after checking that none is outside {@code allowed}. */
    public static Arguments of(Map<String, Object> values, Set<String> allowed) {
        Map<String, Object> present = values == null ? Map.of() : values;
        for (String name : present.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidArgumentsException(name, "unknown argument; expected one of " + allowed);
            }
        }
        return new Arguments(present);
    }

    public String requiredString(String name, Pattern pattern, String expected) {
        String value = optionalString(name, pattern, expected);
        if (value == null) {
            throw new InvalidArgumentsException(name, "is required (" + expected + ")");
        }
        return value;
    }

    public String optionalString(String name, Pattern pattern, String expected) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new InvalidArgumentsException(name, "must be a string (" + expected + ")");
        }
        if (!pattern.matcher(text).matches()) {
            throw new InvalidArgumentsException(name, "'" + abbreviate(text) + "' is not " + expected);
        }
        return text;
    }

    /**
     * Optional free text a person will read, of {@code min} to {@code max} characters: refused with a message naming
     * the character when it could spoof what is shown ({@link HumanText}).
     */
    public String optionalText(String name, int min, int max, String expected) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new InvalidArgumentsException(name, "must be a string (" + expected + ")");
        }
        String flaw = HumanText.flaw(text);
        if (flaw != null) {
            throw new InvalidArgumentsException(name, flaw + " (" + expected + ")");
        }
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            throw new InvalidArgumentsException(name, "has " + length + " characters; expected " + expected);
        }
        return text;
    }

    public boolean optionalBoolean(String name, boolean fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw new InvalidArgumentsException(name, "must be true or false");
        }
        return flag;
    }

    public int optionalInt(String name, int fallback, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new InvalidArgumentsException(name, "must be a whole number between " + min + " and " + max);
        }
        long whole = number.longValue();
        if (whole < min || whole > max) {
            throw new InvalidArgumentsException(name, whole + " is not between " + min + " and " + max);
        }
        return (int) whole;
    }

    /** An optional whole number within {@code [min, max]}, or null when absent. */
    public Integer optionalWholeNumber(String name, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < min || number.doubleValue() > max) {
            throw new InvalidArgumentsException(name, "must be a whole number from " + min + " to " + max);
        }
        return number.intValue();
    }

    public Environment environment(String name) {
        String text = requiredString(name, Pattern.compile(".*", Pattern.DOTALL), "one of " + Environment.wireNames());
        return Environment.fromWireName(text).orElseThrow(() -> new InvalidArgumentsException(name,
                "unknown environment '" + abbreviate(text) + "'; expected one of " + Environment.wireNames()));
    }

    private static String abbreviate(String text) {
        String shown = HumanText.escaped(text);
        return shown.length() <= 64 ? shown : shown.substring(0, 64) + "…";
    }
}
