package dev.lightdevops.api.history;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the store bounded: every {@code retention-interval} it deletes operations created, and audit and deployment
 * events that happened, more than {@code retention} ago (default 400 days), {@code retention-batch} rows per
 * statement so that no transaction holds locks for long. Several api instances may run it at once: a row deleted
 * twice is deleted once.
 */
@Component
@Conditional(HistoryStoreConfigured.class)
class HistoryRetention {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);

    private final JdbcClient jdbc;
    private final HistoryProperties settings;
    private final Clock clock;

    HistoryRetention(JdbcClient jdbc, HistoryProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${devops.history.retention-interval:1h}",
            fixedDelayString = "${devops.history.retention-interval:1h}")
    void enforce() {
        try {
            sweep();
        } catch (RuntimeException failure) {
            log.warn("history retention failed; trying again in {}: {}", settings.retentionInterval(),
                    failure.toString());
        }
    }

    /** Deletes what is past retention now; answers how many rows it deleted. */
    long sweep() {
        OffsetDateTime horizon = HistoryWriter.time(clock.instant().minus(settings.retention()));
        long deleted = delete("operations", "id", "created_at", horizon)
                + delete("audit_events", "id", "at", horizon)
                + delete("deployment_events", "ctid", "at", horizon);
        if (deleted > 0) {
            log.info("history retention deleted {} rows older than {}", deleted, horizon);
        }
        return deleted;
    }

    private long delete(String table, String key, String time, OffsetDateTime horizon) {
        long total = 0;
        int batch;
        do {
            batch = jdbc.sql("DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table
                    + " WHERE " + time + " < :horizon LIMIT :batch)")
                    .param("horizon", horizon).param("batch", settings.retentionBatch()).update();
            total += batch;
        } while (batch == settings.retentionBatch());
        return total;
    }
}
