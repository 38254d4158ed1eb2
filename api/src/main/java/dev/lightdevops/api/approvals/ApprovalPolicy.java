package dev.lightdevops.api.approvals;

import dev.lightdevops.api.identity.Permissions;
import dev.lightdevops.common.operation.Approval;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.tool.Environment;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which operations wait for approval and which need the user's confirmation: deploys and rollbacks, by their target
 * environment, as {@link ApprovalProperties} says. Fetches never do.
 */
@Component
public class ApprovalPolicy {

    private final ApprovalProperties settings;

    ApprovalPolicy(ApprovalProperties settings) {
        this.settings = settings;
    }

    /** The pending approval an operation accepted now starts with, or empty when it may be queued at once. */
    public Optional<Approval> gate(OperationType type, Target target, Instant now) {
        return environmentOf(type, target)
                .filter(environment -> settings.policy(environment).requiredApprovals() > 0)
                .map(environment -> Approval.pending(settings.policy(environment).requiredApprovals(),
                        Permissions.approve(environment), now.plus(settings.deadline())));
    }

    /** Whether a deploy or rollback to this environment is confirmed by the user first, where the client can ask. */
    public boolean wantsConfirmation(String environment) {
        return Environment.fromWireName(environment).map(known -> settings.policy(known).confirm()).orElse(false);
    }

    private static Optional<Environment> environmentOf(OperationType type, Target target) {
        if ((type != OperationType.DEPLOY && type != OperationType.ROLLBACK) || target == null) {
            return Optional.empty();
        }
        return Environment.fromWireName(target.environment());
    }
}
