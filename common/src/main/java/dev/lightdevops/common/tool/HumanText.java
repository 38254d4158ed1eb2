package dev.lightdevops.common.tool;

import java.util.regex.Pattern;

/**
 * Free text that people will read (a deploy's reason, a log query, a display name): one line, valid Unicode, and
 * none of the characters that make a text read as something it is not. Refused: control characters (C0, DEL, C1),
 * line and paragraph separators, the bidirectional formatting characters of Unicode's UAX #9 (embeddings,
 * overrides, isolates and the implicit marks: a right-to-left override can make {@code "deploy 1.0 to staging"}
 * display as another text than the one stored, in logs, the audit and the dashboard) and unpaired surrogates (not
 * text at all: they cannot be written as UTF-8, so a record holding one could not be read back as sent).
 */
public final class HumanText {

    /**
     * The refused characters but unpaired surrogates, as a regex class body valid in Java and in ECMAScript, so a
     * tool's JSON Schema {@code pattern} says the same; surrogates are checked in code, as a JavaScript pattern
     * without the {@code u} flag would refuse the valid pairs too.
     */
    private static final String REFUSED = "\\x00-\\x1F\\x7F-\\x9F\\u061C\\u200E\\u200F\\u2028-\\u202E\\u2066-\\u2069";
    private static final Pattern REFUSED_CHARACTER = Pattern.compile("[" + REFUSED + "]");

    private HumanText() {
    }

    /** One line of {@code min} to {@code max} characters (code points) with none of the refused characters. */
    public static Pattern line(int min, int max) {
        return Pattern.compile("[^" + REFUSED + "]{" + min + "," + max + "}");
    }

    /** Why {@code text} cannot be shown to a person as it is, or null when it can. */
    public static String flaw(String text) {
        for (int index = 0; index < text.length(); ) {
            int codePoint = text.codePointAt(index);
            int position = text.codePointCount(0, index) + 1;
            if (Character.isSurrogate((char) codePoint)) {
                return "holds an unpaired surrogate (" + hex(codePoint) + ") at character " + position
                        + ": that is not valid Unicode text";
            }
            if (REFUSED_CHARACTER.matcher(Character.toString(codePoint)).matches()) {
                String name = Character.getName(codePoint);
                return "holds " + hex(codePoint) + (name == null ? "" : " " + name) + " at character " + position
                        + ": control, line-breaking and bidirectional formatting characters are refused, as they "
                        + "can make a text read differently than it is stored";
            }
            index += Character.charCount(codePoint);
        }
        return null;
    }

    /**
     * The text with every refused character (and unpaired surrogate) written as a visible {@code \\uXXXX} escape:
     * for showing text that did not come through {@link #flaw} (identity claims, an executor's output, an echo of bad
     * input) without letting it spoof anything.
     */
    public static String escaped(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(text.length());
        for (int index = 0; index < text.length(); ) {
            int codePoint = text.codePointAt(index);
            if (Character.isSurrogate((char) codePoint)
                    || REFUSED_CHARACTER.matcher(Character.toString(codePoint)).matches()) {
                shown.append(String.format("\\u%04X", codePoint));
            } else {
                shown.appendCodePoint(codePoint);
            }
            index += Character.charCount(codePoint);
        }
        return shown.toString();
    }

    private static String hex(int codePoint) {
        return String.format("U+%04X", codePoint);
    }
}
