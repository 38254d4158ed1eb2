package dev.lightdevops.api.history;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The history store is on when a database is configured: {@code devops.history.database-url} ({@code DATABASE_URL})
 * or {@code spring.datasource.url}. Without one the api runs as before, and says so at start.
 */
class HistoryStoreConfigured extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isConfigured(context.getEnvironment())
                ? ConditionOutcome.match("a history database is configured")
                : ConditionOutcome.noMatch("neither devops.history.database-url nor spring.datasource.url is set");
    }

    static boolean isConfigured(Environment environment) {
        return hasText(environment.getProperty("devops.history.database-url"))
                || hasText(environment.getProperty("spring.datasource.url"));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
