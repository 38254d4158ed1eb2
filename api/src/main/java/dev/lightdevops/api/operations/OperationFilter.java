package dev.lightdevops.api.operations;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.function.Predicate;

/**
 * What {@code list_operations} and {@code GET /api/v1/operations} select: optional filters, a page size, and the
 * cursor of the page (the position after the last operation of the previous page, newest first). The cursor is
 * opaque to clients: {@code created_at} and id of the last operation, so pages stay stable while new operations
 * arrive at the top.
 */
public record OperationFilter(OperationStatus status, OperationType type, String service, String environment,
        String requestedBy, int pageSize, Cursor after) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    /** Newest first; ties broken by id so the order is total. */
    static final Comparator<Operation> NEWEST_FIRST = Comparator
            .comparing((Operation operation) -> createdAt(operation)).reversed()
            .thenComparing(Operation::id, Comparator.reverseOrder());

    /** Parses the filters as given on the wire (any may be null); every bad value names its argument. */
    public static OperationFilter parse(String status, String type, String service, String environment,
            String requestedBy, Integer pageSize, String pageToken) {
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidArgumentsException("page_size", "must be from 1 to " + MAX_PAGE_SIZE);
        }
        return new OperationFilter(status == null ? null : parseStatus(status), type == null ? null : parseType(type),
                blankToNull(service), blankToNull(environment), blankToNull(requestedBy), size,
                pageToken == null || pageToken.isBlank() ? null : Cursor.parse(pageToken));
    }

    Predicate<Operation> matches() {
        return operation -> (status == null || status == operation.status())
                && (type == null || type == operation.type())
                && (service == null || (operation.target() != null && service.equals(operation.target().service())))
                && (environment == null
                        || (operation.target() != null && environment.equals(operation.target().environment())))
                && (requestedBy == null || requestedBy.equals(operation.requestedBy()))
                && (after == null || after.isBefore(operation));
    }

    private static OperationStatus parseStatus(String text) {
        try {
            return OperationStatus.fromWireName(text);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidArgumentsException("status", "unknown status '" + abbreviate(text)
                    + "'; expected queued, running, succeeded, failed, cancelled or timed_out");
        }
    }

    private static OperationType parseType(String text) {
        try {
            return OperationType.fromWireName(text);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidArgumentsException("type", "unknown type '" + abbreviate(text)
                    + "'; expected deploy, rollback, fetch_logs or fetch_metrics");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    static Instant createdAt(Operation operation) {
        return operation.createdAt() == null ? Instant.EPOCH : operation.createdAt();
    }

    /** The position after an operation in newest-first order. */
    public record Cursor(Instant createdAt, String id) {

        static Cursor after(Operation operation) {
            return new Cursor(OperationFilter.createdAt(operation), operation.id());
        }

        /** Whether {@code operation} comes after this position (is older). */
        boolean isBefore(Operation operation) {
            int byTime = OperationFilter.createdAt(operation).compareTo(createdAt);
            return byTime < 0 || (byTime == 0 && operation.id().compareTo(id) < 0);
        }

        String token() {
            String plain = createdAt.toEpochMilli() + ":" + createdAt.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                        .split(":", 3);
                Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
                return new Cursor(at.plusNanos(Integer.parseInt(parts[1]) % 1_000_000), parts[2]);
            } catch (RuntimeException malformed) {
                throw new InvalidArgumentsException("page_token",
                        "is not a page token this server issued; pass next_page_token back unchanged");
            }
        }
    }
}
