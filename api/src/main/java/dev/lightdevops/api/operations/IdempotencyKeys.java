package dev.lightdevops.api.operations;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Operation ids of requests that carry an idempotency key are derived from tenant, principal and key (a name-based
 * UUID), not drawn at random. Two api instances that race on the same request therefore publish the same id, and the
 * duplicate collapses: one snapshot key in {@code ops.status}, and a worker skips the second command because the
 * operation is already running or terminal by then. The generation moves the id on once a key's window has passed.
 */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    static String operationId(String tenant, String principal, String key, int generation) {
        String name = "light-devops-mcp/idempotency\n" + tenant + "\n" + principal + "\n" + key + "\n" + generation;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
