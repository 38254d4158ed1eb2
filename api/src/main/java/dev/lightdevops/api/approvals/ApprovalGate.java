package dev.lightdevops.api.approvals;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What the acceptance of an operation asks of approvals: whether its environment's policy holds it for approval
 * ({@link ApprovalPolicy#gate}), and settling an awaiting snapshot Kafka did not confirm
 * ({@link ApprovalDecisions#settleUnconfirmed}). The decisions are reached lazily, since an approval publishes
 * through the same command path the acceptance uses.
 */
@Component
public record ApprovalGate(ApprovalPolicy policy, @Lazy ApprovalDecisions decisions) {
}
