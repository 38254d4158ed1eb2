package dev.lightdevops.common.telemetry;

import dev.lightdevops.common.tool.Arguments;
import dev.lightdevops.common.tool.DeployArguments;
import dev.lightdevops.common.tool.HumanText;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated, normalized arguments of {@code get_logs} (and of a {@code fetch_logs} operation). Two calls asking
 * the same thing have the same {@link #key()}: that is what the api's result cache and the command key use.
 */
public record LogQuery(String service, LogLevel level, String text, TimeRange range, int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;
    public static final Pattern TEXT = HumanText.line(1, 500);
    static final Set<String> ALLOWED = Set.of("service", "level", "query", "since", "until", "limit");

    public static LogQuery from(Map<String, Object> arguments) {
        Arguments args = Arguments.of(arguments, ALLOWED);
        String service = args.optionalString("service", DeployArguments.SERVICE, "a service name");
        String levelText = args.optionalString("level", Pattern.compile("[A-Za-z]{1,16}"), "a level");
        LogLevel level = levelText == null ? null : LogLevel.parse(levelText).orElseThrow(() ->
                new InvalidArgumentsException("level", "'" + levelText + "' is not one of " + LogLevel.wireNames()));
        String text = args.optionalText("query", 1, 500, "free text of at most 500 characters");
        TimeRange range = TimeRange.of(args.optionalString("since", Pattern.compile(".{1,64}"), "a time"),
                args.optionalString("until", Pattern.compile(".{1,64}"), "a time"), "15m");
        int limit = args.optionalInt("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return new LogQuery(service, level, text == null ? null : text.trim().replaceAll("\\s+", " "), range, limit);
    }

    /** Rebuilds the query a worker received, from the operation's recorded request. */
    public static LogQuery fromRecorded(Map<String, Object> recorded) {
        return from(recorded);
    }

    public Map<String, Object> asRecorded() {
        Map<String, Object> recorded = new LinkedHashMap<>();
        if (service != null) {
            recorded.put("service", service);
        }
        if (level != null) {
            recorded.put("level", level.wireName());
        }
        if (text != null) {
            recorded.put("query", text);
        }
        recorded.put("since", range.since());
        recorded.put("until", range.until());
        recorded.put("limit", limit);
        return recorded;
    }

    /** The normalized query: equal for equal questions, whatever the argument order, case of level or spacing. */
    public String key() {
        return "logs:" + (service == null ? "*" : service) + "|" + (level == null ? "*" : level.wireName()) + "|"
                + (text == null ? "" : text) + "|" + range.since() + ".." + range.until() + "|" + limit;
    }
}
