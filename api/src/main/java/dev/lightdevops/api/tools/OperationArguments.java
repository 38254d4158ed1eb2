package dev.lightdevops.api.tools;

import dev.lightdevops.common.tool.Arguments;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation shared by the operation tools (get_operation, cancel_operation). */
final class OperationArguments {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    static final int MAX_WAIT_SECONDS = 60;

    private OperationArguments() {
    }

    static String id(Map<String, Object> arguments, Set<String> allowed) {
        return Arguments.of(arguments, allowed).requiredString("id", ID, "an operation id");
    }

    static Duration waitSeconds(Map<String, Object> arguments) {
        Object value = arguments == null ? null : arguments.get("wait_seconds");
        if (value == null) {
            return Duration.ZERO;
        }
        if (!(value instanceof Number number) || number.doubleValue() < 0 || number.doubleValue() > MAX_WAIT_SECONDS) {
            throw new InvalidArgumentsException("wait_seconds", "must be a number from 0 to " + MAX_WAIT_SECONDS);
        }
        return Duration.ofMillis((long) (number.doubleValue() * 1000));
    }
}
