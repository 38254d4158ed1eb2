package dev.lightdevops.api.approvals;

/** The approver asked for the operation itself: someone else must approve it (two-person rule). Nothing changed. */
public class TwoPersonRuleException extends RuntimeException {

    public TwoPersonRuleException(String operationId, String principal) {
        super("you (" + principal + ") requested operation " + operationId + ", so you cannot approve it: ask "
                + "another person who holds its approve permission to approve it");
    }
}
