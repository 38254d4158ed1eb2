package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The visibility and cancel rules of operations across principals and tenants. */
class CallerTest {

    private static final Operation ALICES = Operation.queued("op-1", OperationType.DEPLOY,
            new Target("billing", "staging"), Map.of(), Map.of("placeholder", true), "alice", "tenant-a", null,
            Instant.EPOCH, Instant.EPOCH.plusSeconds(600), null);

    private static Caller caller(String principal, String tenant, String... permissions) {
        return new Caller(principal, tenant, Set.of(), Set.of(permissions), false);
    }

    @Test
    void seesOnlyItsOwnTenantsOperations() {
        assertThat(caller("amos", "tenant-a", "read_operations").canSee(ALICES)).isTrue();
        assertThat(caller("bob", "tenant-b", "read_operations", "cancel_any").canSee(ALICES)).isFalse();
        assertThat(caller("alice", "tenant-a").canSee(ALICES)).isFalse();
    }

    @Test
    void cancelsItsOwnWithCancelOwnAndAnyOfItsTenantWithCancelAny() {
        assertThat(caller("alice", "tenant-a", "cancel_own").canCancel(ALICES)).isTrue();
        assertThat(caller("amos", "tenant-a", "cancel_own").canCancel(ALICES)).isFalse();
        assertThat(caller("pat", "tenant-a", "cancel_any").canCancel(ALICES)).isTrue();
        assertThat(caller("bob", "tenant-b", "cancel_any").canCancel(ALICES)).isFalse();
        assertThat(caller("alice", "tenant-b", "cancel_own").canCancel(ALICES)).isFalse();
    }
}
