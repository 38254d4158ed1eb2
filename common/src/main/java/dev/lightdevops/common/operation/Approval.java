package dev.lightdevops.common.operation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The approval an operation needed, and how it went: set on every operation its environment's policy gated, from
 * {@code awaiting_approval} on, and kept on every later snapshot (so "approved by whom" stays on the record). Absent
 * on operations that needed none.
 *
 * @param required how many distinct approvers the policy asks for
 * @param permission the permission an approver needs, e.g. {@code approve_production}
 * @param expiresAt when the request expires unanswered (the operation then ends {@code expired})
 * @param approvals who approved, in the order the approvals were decided (never the requester: two-person rule)
 * @param rejection who rejected it and why, when it was rejected
 * @param decision null while pending; {@code approved}, {@code rejected}, {@code expired} or {@code withdrawn}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(int required, String permission, Instant expiresAt, List<Decision> approvals,
        Decision rejection, String decision) {

    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    public static final String EXPIRED = "expired";
    public static final String WITHDRAWN = "withdrawn";

    public Approval {
        Objects.requireNonNull(permission, "permission");
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    /** A request nobody has answered yet. */
    public static Approval pending(int required, String permission, Instant expiresAt) {
        return new Approval(required, permission, expiresAt, List.of(), null, null);
    }

    /** One approver's (or rejecter's) answer: who, when, why. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(String principal, String name, Instant at, String reason) {

        public Decision {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(at, "at");
        }
    }

    @JsonIgnore
    public boolean isPending() {
        return decision == null;
    }

    /** Whether {@code principal} already approved this request. */
    public boolean approvedBy(String principal) {
        return approvals.stream().anyMatch(approval -> approval.principal().equals(principal));
    }

    /** This approval added; decided {@code approved} once {@code required} distinct principals approved. */
    public Approval with(Decision approval) {
        if (approvedBy(approval.principal())) {
            return this;
        }
        List<Decision> all = new ArrayList<>(approvals);
        all.add(approval);
        return new Approval(required, permission, expiresAt, all, rejection, all.size() >= required ? APPROVED : null);
    }

    public Approval rejectedBy(Decision rejecter) {
        return new Approval(required, permission, expiresAt, approvals, rejecter, REJECTED);
    }

    public Approval decided(String outcome) {
        return new Approval(required, permission, expiresAt, approvals, rejection, outcome);
    }
}
