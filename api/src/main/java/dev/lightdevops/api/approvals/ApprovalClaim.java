package dev.lightdevops.api.approvals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One step someone asks for on an operation's approval, as written to {@code ops.approvals} under the operation id.
 * It is a claim, not yet a decision: {@link ApprovalLog} decides every claim in the order the partition holds them,
 * the same way on every api instance, and the api instance whose claim decided the approval publishes the outcome.
 *
 * @param claimId unique per claim; the claimant waits for its own claim to be read back
 * @param principal who asks for the step (the approver, the rejecter, the requester withdrawing; {@code system} for
 *     an expiry)
 * @param required how many approvals the operation's policy asked for when it was accepted
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApprovalClaim(String claimId, String operationId, Action action, String principal, String name,
        String tenant, String reason, Instant at, int required) {

    static final String SYSTEM = "system";

    ApprovalClaim {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(at, "at");
    }

    enum Action {
        APPROVE("approve"),
        REJECT("reject"),
        EXPIRE("expire"),
        WITHDRAW("withdraw");

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        String wireName() {
            return wireName;
        }
    }
}
