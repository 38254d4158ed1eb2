package dev.lightdevops.api.operations;

import dev.lightdevops.common.tool.Arguments;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation shared by the tools that take an operation by id. The id is {@code operation_id}, as every answer
 * names it; {@code id} is accepted as an alias (what these tools took first), never both with different values.
 */
public final class OperationArguments {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    static final int MAX_WAIT_SECONDS = 60;
    static final String OPERATION_ID = "operation_id";
    static final String ALIAS = "id";

    private OperationArguments() {
    }

    /** The operation id, from {@code operation_id} or its alias {@code id}; {@code allowed} lists the other names. */
    public static String id(Map<String, Object> arguments, Set<String> allowed) {
        Map<String, Object> given = arguments == null ? Map.of() : arguments;
        Object alias = given.get(ALIAS);
        Object named = given.get(OPERATION_ID);
        if (alias != null && named != null && !alias.equals(named)) {
            throw new InvalidArgumentsException(OPERATION_ID, "give the operation id once, as operation_id (id is "
                    + "an alias of it), not two different ids");
        }
        Map<String, Object> normalized = new HashMap<>(given);
        if (named == null && alias != null) {
            normalized.put(OPERATION_ID, normalized.get(ALIAS));
        }
        normalized.remove(ALIAS);
        Set<String> names = new HashSet<>(allowed);
        names.add(OPERATION_ID);
        return Arguments.of(normalized, names).requiredString(OPERATION_ID, ID, "an operation id");
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
