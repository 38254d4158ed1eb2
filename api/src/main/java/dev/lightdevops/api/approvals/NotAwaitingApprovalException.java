package dev.lightdevops.api.approvals;

/**
 * The operation is not waiting for a decision (it needed none, was decided already, or its request expired), so an
 * approval or rejection cannot apply. Nothing changed.
 */
public class NotAwaitingApprovalException extends RuntimeException {

    public NotAwaitingApprovalException(String message) {
        super(message);
    }
}
