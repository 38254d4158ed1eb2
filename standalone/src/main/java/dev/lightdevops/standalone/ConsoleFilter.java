package dev.lightdevops.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the human console of the local stack (console-human.xml) in two: with {@code story} set, it passes only the
 * stack's own lines ({@link StackConsole}); without, every other component's warnings and errors, except that the
 * loggers under a {@code quiet} prefix (the embedded broker's internals, which warn about its own start-up routine)
 * show only errors. Everything else (Kafka's configuration dumps, client info lines, request logs) stays in the JSON
 * log file only.
 */
public final class ConsoleFilter extends Filter<ILoggingEvent> {

    private static final String STORY_LOGGER = StackConsole.class.getName();

    private boolean story;
    private List<String> quiet = List.of();

    public void setStory(boolean story) {
        this.story = story;
    }

    /** Comma-separated logger name prefixes whose warnings stay in the log file. */
    public void setQuiet(String prefixes) {
        this.quiet = Arrays.stream(prefixes.split(",")).map(String::trim).filter(prefix -> !prefix.isEmpty()).toList();
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        boolean fromStory = STORY_LOGGER.equals(event.getLoggerName());
        if (story) {
            return fromStory ? FilterReply.ACCEPT : FilterReply.DENY;
        }
        if (fromStory) {
            return FilterReply.DENY;
        }
        Level shown = quiet.stream().anyMatch(event.getLoggerName()::startsWith) ? Level.ERROR : Level.WARN;
        return event.getLevel().isGreaterOrEqual(shown) ? FilterReply.ACCEPT : FilterReply.DENY;
    }
}
