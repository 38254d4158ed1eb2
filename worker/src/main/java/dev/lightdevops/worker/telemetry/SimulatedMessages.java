package dev.lightdevops.worker.telemetry;

import dev.lightdevops.common.telemetry.LogLevel;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Log lines of the kind services really write, per level, for the simulated source. */
final class SimulatedMessages {

    private static final Map<LogLevel, List<String>> TEMPLATES = Map.of(
            LogLevel.DEBUG, List.of("cache lookup key=%s hit=%s", "acquired db connection from pool in %d ms",
                    "feature flag %s evaluated to %s"),
            LogLevel.INFO, List.of("GET /api/%s 200 in %d ms", "POST /api/%s 201 in %d ms",
                    "processed message from topic %s in %d ms", "health check ok"),
            LogLevel.WARN, List.of("slow query on %s took %d ms", "retrying call to %s (attempt %d)",
                    "connection pool at %d%% capacity"),
            LogLevel.ERROR, List.of("GET /api/%s 500: upstream %s timed out", "payment provider returned %d",
                    "failed to publish event: %s"),
            LogLevel.CRITICAL, List.of("out of memory: heap %d%% used", "database %s unreachable"));

    private static final String[] WORDS = {"orders", "cart", "users", "inventory", "prices", "sessions"};

    private SimulatedMessages() {
    }

    static String message(LogLevel level, String service, SplittableRandom dice) {
        List<String> templates = TEMPLATES.get(level);
        String template = templates.get(dice.nextInt(templates.size()));
        Object[] values = new Object[3];
        int index = 0;
        for (int i = 0; i + 1 < template.length() && index < values.length; i++) {
            if (template.charAt(i) == '%') {
                char kind = template.charAt(i + 1);
                if (kind == 's') {
                    values[index++] = dice.nextBoolean() ? WORDS[dice.nextInt(WORDS.length)] : service + "-db";
                } else if (kind == 'd') {
                    values[index++] = 5 + dice.nextInt(900);
                }
            }
        }
        return String.format(template, values);
    }
}
