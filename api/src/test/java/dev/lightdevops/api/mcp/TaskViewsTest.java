package dev.lightdevops.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.operation.Approval;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.common.operation.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How operations held for approval look as MCP tasks in both eras. */
class TaskViewsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Operation AWAITING = Operation.awaitingApproval(OperationIds.next(), OperationType.DEPLOY,
            new Target("checkout", "production"), Map.of("version", "1.0.0"), Map.of("placeholder", true), "alice",
            "acme", null, NOW, Approval.pending(1, "approve_production", NOW.plusSeconds(3600)), null);

    @Test
    void anOperationAwaitingApprovalIsAWorkingTaskWhoseStatusMessageSaysWhoMayApproveUntilWhen() {
        McpResult.LegacyTask legacy = TaskViews.legacyTask(AWAITING, Duration.ofHours(24), Duration.ofSeconds(1));
        McpResult.ModernTask modern = TaskViews.modernTask(AWAITING, Duration.ofHours(24), Duration.ofSeconds(1));

        assertThat(legacy.status()).isEqualTo("working");
        assertThat(modern.status()).isEqualTo("working");
        assertThat(legacy.statusMessage()).isEqualTo(modern.statusMessage());
        assertThat(legacy.statusMessage()).contains("awaiting approval", "not alice",
                "approve_production", "2026-12-01T10:00:00Z", "0 of 1");
    }

    @Test
    void rejectedAndExpiredOperationsAreFailedLegacyTasksAndCompletedModernTasksWithAnErrorResult() {
        Operation rejected = AWAITING.ended(new Outcome.Rejected(new OperationError("rejected",
                "rejected by bob: freeze", false)), NOW.plusSeconds(60));

        assertThat(TaskViews.legacyTask(rejected, Duration.ofHours(1), Duration.ofSeconds(1)).status())
                .isEqualTo("failed");
        McpResult.ModernTask modern = TaskViews.detailedTask(rejected, Duration.ofHours(1), Duration.ofSeconds(1));
        assertThat(modern.status()).isEqualTo("completed");
        assertThat(modern.result().isError()).isEqualTo(true);
        assertThat(TaskViews.legacyStatus(OperationStatus.EXPIRED)).isEqualTo("failed");
    }
}
