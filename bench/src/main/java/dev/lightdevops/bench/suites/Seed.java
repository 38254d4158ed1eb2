package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.load.Latency;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for the history benchmark: fills the store to a million operations (copies of a real ingested deploy's row,
 * spread over 400 days, 40 % of them deploys or rollbacks), times and explains the query {@code list_changes} runs,
 * and measures what rows cost.
 */
final class Seed {

    /** The query of {@code list_changes} as the api sends it (ChangeHistory), for production and the last 24 h. */
    static final String LIST_CHANGES = """
            SELECT o.id, o.type, o.service, o.environment, o.status, o.requested_by, o.version,
                   coalesce(o.from_version, d.from_version) AS from_version, o.reason, o.approved_by,
                   o.approved_at, o.error_code, o.error_message, r.version AS rolled_back_to, o.attempt,
                   o.created_at, o.finished_at
            FROM operations o
            LEFT JOIN LATERAL (SELECT e.from_version FROM deployment_events e
                               WHERE e.operation_id = o.id AND e.kind IN ('deploy', 'rollback')
                               ORDER BY e.at LIMIT 1) d ON true
            LEFT JOIN LATERAL (SELECT e.version FROM deployment_events e
                               WHERE e.operation_id = o.id AND e.kind = 'auto_rollback' AND e.outcome = 'live'
                               ORDER BY e.at DESC LIMIT 1) r ON true
            WHERE o.tenant = 'local' AND o.type IN ('deploy', 'rollback') AND o.environment = 'production'
              AND o.created_at >= now() - interval '24 hours'
            ORDER BY o.created_at DESC, o.id DESC LIMIT 21
            """;

    private Seed() {
    }

    /** Inserts {@code count} operations; answers how many. */
    static long operations(Connection db, long count) throws Exception {
        if (count <= 0) {
            return 0;
        }
        try (Statement statement = db.createStatement()) {
            statement.execute("""
                    INSERT INTO operations (id, tenant, type, service, environment, status, status_rank, terminal,
                        attempt, requested_by, version, from_version, reason, approvals, created_at, updated_at,
                        finished_at, snapshot)
                    SELECT 'seed-' || g, 'local', CASE WHEN g % 10 < 4 THEN 'deploy' ELSE 'fetch_logs' END,
                        'svc-' || (g % 50), (ARRAY['development', 'staging', 'production'])[1 + g % 3],
                        'succeeded', 3, true, 1, 'user-' || (g % 20), '1.' || (g % 97) || '.0', '1.0.0',
                        'seeded change ' || g || ' for ticket OPS-' || (g % 1000), 0, t, t, t,
                        jsonb_set(template.snapshot, '{id}', to_jsonb('seed-' || g))
                    FROM generate_series(1, :count) AS g
                    CROSS JOIN LATERAL (SELECT now() - (g::double precision / :count) * interval '400 days' AS t)
                        AS at(t)
                    CROSS JOIN (SELECT snapshot FROM operations WHERE type = 'deploy' LIMIT 1) AS template
                    """.replace(":count", Long.toString(count)));
            statement.execute("ANALYZE operations");
            statement.execute("ANALYZE audit_events");
            statement.execute("ANALYZE deployment_events");
        }
        return count;
    }

    static Latency timeQuery(Connection db, int times) throws Exception {
        Latency latency = new Latency();
        try (PreparedStatement query = db.prepareStatement(LIST_CHANGES)) {
            for (int i = 0; i < times + 100; i++) {
                long start = System.nanoTime();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(1);
                    }
                }
                if (i >= 100) {
                    latency.recordNanos(System.nanoTime() - start);
                }
            }
        }
        return latency;
    }

    static List<String> explain(Connection db) throws Exception {
        List<String> plan = new ArrayList<>();
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + LIST_CHANGES)) {
            while (rows.next()) {
                plan.add(rows.getString(1));
            }
        }
        return plan;
    }

    static long sizeBytes(Connection db, String table) throws Exception {
        try (Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_total_relation_size('" + table + "')")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Deletes operations older than 300 days as the retention job does; answers {rows, seconds}. */
    static double[] timeRetention(Connection db) throws Exception {
        long start = System.nanoTime();
        long total = 0;
        int batch;
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM operations WHERE id IN (SELECT id FROM "
                + "operations WHERE created_at < now() - interval '300 days' LIMIT 10000)")) {
            do {
                batch = delete.executeUpdate();
                total += batch;
            } while (batch == 10_000);
        }
        return new double[] {total, (System.nanoTime() - start) / 1e9};
    }
}
