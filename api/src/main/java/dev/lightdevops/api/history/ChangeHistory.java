package dev.lightdevops.api.history;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.Permissions;
import dev.lightdevops.api.operations.OperationArchive;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.operation.Operation;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the history store for a caller: only its tenant's rows. Changes are the deploys and rollbacks among the
 * stored operations, newest first, each with the version live before it (from the worker's result, else from the
 * deployment history). The audit trail shows another principal's details only to callers holding {@code read_audit}.
 * Also the {@link OperationArchive} that {@code get_operation} falls back to for operations past the view's retention.
 */
@Service
@Conditional(HistoryStoreConfigured.class)
class ChangeHistory implements OperationArchive {

    private static final String CHANGES = """
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
            WHERE o.tenant = :tenant AND o.type IN ('deploy', 'rollback')
            """;

    private static final String AUDIT = """
            SELECT a.id, a.at, a.action, a.principal, a.tenant, a.client_address, a.tool, a.operation_id,
                   a.operation_type, a.target, a.arguments::text AS arguments, a.outcome, a.detail
            FROM audit_events a
            WHERE a.tenant = :tenant
            """;

    private final JdbcClient jdbc;

    ChangeHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    HistoryPage.Changes changes(HistoryFilter filter, Caller caller) {
        caller.require(Permissions.READ_OPERATIONS, "read the history");
        Query query = new Query(CHANGES, caller.tenant());
        query.equal("o.environment", "environment", filter.environment());
        query.equal("o.service", "service", filter.service());
        query.equal("o.requested_by", "principal", filter.principal());
        query.equal("o.status", "status", filter.status());
        query.range("o.created_at", filter.since(), filter.until());
        if (filter.text() != null) {
            query.where("to_tsvector('simple', o.reason) @@ websearch_to_tsquery('simple', :text)", "text",
                    filter.text());
        }
        query.after("o.created_at", "o.id", filter.after());
        List<Change> rows = run(query.page("o.created_at", "o.id", filter.pageSize()), ChangeHistory::change);
        return new HistoryPage.Changes(pageOf(rows, filter.pageSize()), next(rows, filter.pageSize(),
                change -> new HistoryFilter.Cursor(change.createdAt(), change.operationId())));
    }

    HistoryPage.Audit audit(HistoryFilter filter, Caller caller) {
        caller.require(Permissions.READ_OPERATIONS, "read the audit trail");
        boolean allDetails = caller.may(Permissions.READ_AUDIT);
        Query query = new Query(AUDIT, caller.tenant());
        query.equal("a.environment", "environment", filter.environment());
        query.equal("a.service", "service", filter.service());
        query.equal("a.principal", "principal", filter.principal());
        query.equal("a.outcome", "status", filter.status());
        query.equal("a.action", "action", filter.action());
        query.range("a.at", filter.since(), filter.until());
        if (filter.text() != null) {
            // Searching another principal's details would reveal them: without read_audit, only one's own lines.
            query.where((allDetails ? "" : "a.principal = :me AND ")
                    + "(coalesce(a.arguments->>'reason', '') || ' ' || coalesce(a.detail, '')) ILIKE :pattern",
                    "pattern", "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                            + "%");
            query.parameters.put("me", caller.principal());
        }
        query.after("a.at", "a.id", filter.after());
        List<AuditEntry> rows = run(query.page("a.at", "a.id", filter.pageSize()), ChangeHistory::auditEntry);
        List<AuditEntry> page = pageOf(rows, filter.pageSize()).stream()
                .map(entry -> allDetails || caller.principal().equals(entry.principal()) ? entry
                        : entry.withoutDetails())
                .toList();
        return new HistoryPage.Audit(page, next(rows, filter.pageSize(),
                entry -> new HistoryFilter.Cursor(entry.at(), entry.id())));
    }

    @Override
    public Optional<Operation> find(String id, String tenant) {
        try {
            return jdbc.sql("SELECT snapshot::text FROM operations WHERE id = :id AND tenant = :tenant")
                    .param("id", id).param("tenant", tenant).query(String.class).optional()
                    .map(json -> ContractJson.read(json.getBytes(StandardCharsets.UTF_8), Operation.class));
        } catch (DataAccessException unreachable) {
            throw new ArchiveUnavailableException("the history store could not be read", unreachable);
        }
    }

    private <T> List<T> run(Query query, RowReader<T> reader) {
        try {
            return jdbc.sql(query.sql.toString()).params(query.parameters).query((row, number) -> reader.read(row))
                    .list();
        } catch (DataAccessException unreachable) {
            throw new HistoryUnavailableException(unreachable);
        }
    }

    private static <T> List<T> pageOf(List<T> rows, int pageSize) {
        return rows.size() <= pageSize ? rows : rows.subList(0, pageSize);
    }

    private static <T> String next(List<T> rows, int pageSize, java.util.function.Function<T, HistoryFilter.Cursor> at) {
        return rows.size() <= pageSize ? null : at.apply(rows.get(pageSize - 1)).token();
    }

    private static Change change(ResultSet row) throws SQLException {
        String approvers = row.getString("approved_by");
        String errorCode = row.getString("error_code");
        return new Change(row.getString("id"), row.getString("type"), row.getString("service"),
                row.getString("environment"), row.getString("status"), row.getString("requested_by"),
                row.getString("version"), row.getString("from_version"), row.getString("reason"),
                approvers == null || approvers.isBlank() ? List.of() : Arrays.asList(approvers.split(",")),
                instant(row, "approved_at"),
                errorCode == null ? null : new Change.Error(errorCode, row.getString("error_message")),
                row.getString("rolled_back_to"), row.getInt("attempt"), instant(row, "created_at"),
                instant(row, "finished_at"));
    }

    @SuppressWarnings("unchecked")
    private static AuditEntry auditEntry(ResultSet row) throws SQLException {
        String arguments = row.getString("arguments");
        return new AuditEntry(row.getString("id"), instant(row, "at"), row.getString("action"),
                row.getString("principal"), row.getString("tenant"), row.getString("client_address"),
                row.getString("tool"), row.getString("operation_id"), row.getString("operation_type"),
                row.getString("target"),
                arguments == null ? null : ContractJson.read(arguments.getBytes(StandardCharsets.UTF_8), Map.class),
                row.getString("outcome"), row.getString("detail"), false);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** A query under construction: conditions appended with their named parameters, newest first at the end. */
    private static final class Query {

        private final StringBuilder sql;
        private final Map<String, Object> parameters = new HashMap<>();

        Query(String select, String tenant) {
            this.sql = new StringBuilder(select);
            parameters.put("tenant", tenant);
        }

        void equal(String column, String name, String value) {
            if (value != null) {
                where(column + " = :" + name, name, value);
            }
        }

        void range(String column, Instant since, Instant until) {
            if (since != null) {
                where(column + " >= :since", "since", HistoryWriter.time(since));
            }
            if (until != null) {
                where(column + " < :until", "until", HistoryWriter.time(until));
            }
        }

        void after(String timeColumn, String idColumn, HistoryFilter.Cursor cursor) {
            if (cursor != null) {
                where("(" + timeColumn + ", " + idColumn + ") < (:cursorAt, :cursorId)", "cursorAt",
                        HistoryWriter.time(cursor.at()));
                parameters.put("cursorId", cursor.id());
            }
        }

        void where(String condition, String name, Object value) {
            sql.append(" AND ").append(condition);
            parameters.put(name, value);
        }

        Query page(String timeColumn, String idColumn, int pageSize) {
            sql.append(" ORDER BY ").append(timeColumn).append(" DESC, ").append(idColumn).append(" DESC LIMIT ")
                    .append(pageSize + 1);
            return this;
        }
    }
}
