package dev.lightdevops.api.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says at start whether this api keeps a history, so that an operator who forgot the database hears of it. */
@Component
class HistoryOffNotice {

    private static final Logger log = LoggerFactory.getLogger(HistoryOffNotice.class);

    private final Environment environment;

    HistoryOffNotice(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (HistoryStoreConfigured.isConfigured(environment)) {
            String url = environment.getProperty("spring.datasource.url", "DATABASE_URL");
            log.info("history store: on (PostgreSQL at {})", url.replaceAll("\\?.*$", "").replaceAll("//[^/@]*@", "//"));
        } else {
            log.warn("history store: off (no DATABASE_URL or spring.datasource.url): list_changes, "
                    + "GET /api/v1/history and /api/v1/audit answer that no history is kept, and get_operation "
                    + "finds only the operations of the last retention period");
        }
    }
}
