package dev.lightdevops.common.operation;

import java.util.Map;
import java.util.Objects;

/**
 * How an operation ended: succeeded with its result, or one of the other terminal statuses with the error that says
 * why. An {@link Operation} reaches a terminal status only through one of these ({@link Operation#ended}), and reads
 * its own back ({@link Operation#outcome}), so a terminal snapshot carries exactly one of {@code result} and
 * {@code error}. On the wire nothing changes: the outcome is the snapshot's {@code status} with its {@code result} or
 * its {@code error}.
 */
public sealed interface Outcome {

    OperationStatus status();

    /** The outcome a terminal status other than succeeded stands for, with its error (a status chosen at run time). */
    static Unsuccessful unsuccessful(OperationStatus status, OperationError error) {
        return switch (status) {
            case FAILED -> new Failed(error);
            case CANCELLED -> new Cancelled(error);
            case TIMED_OUT -> new TimedOut(error);
            case REJECTED -> new Rejected(error);
            case EXPIRED -> new Expired(error);
            case SUCCEEDED, AWAITING_APPROVAL, QUEUED, RUNNING ->
                    throw new IllegalArgumentException("not an unsuccessful terminal status: " + status);
        };
    }

    /** The operation did what it was asked; {@code result} is what it answers. */
    record Succeeded(Map<String, Object> result) implements Outcome {

        public Succeeded {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public OperationStatus status() {
            return OperationStatus.SUCCEEDED;
        }
    }

    /** Every other end: the error says why, and whether trying again may help. */
    sealed interface Unsuccessful extends Outcome {

        OperationError error();
    }

    record Failed(OperationError error) implements Unsuccessful {

        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public OperationStatus status() {
            return OperationStatus.FAILED;
        }
    }

    record Cancelled(OperationError error) implements Unsuccessful {

        public Cancelled {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public OperationStatus status() {
            return OperationStatus.CANCELLED;
        }
    }

    record TimedOut(OperationError error) implements Unsuccessful {

        public TimedOut {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public OperationStatus status() {
            return OperationStatus.TIMED_OUT;
        }
    }

    /** An approver said no: it never ran. */
    record Rejected(OperationError error) implements Unsuccessful {

        public Rejected {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public OperationStatus status() {
            return OperationStatus.REJECTED;
        }
    }

    /** Nobody approved it in time: it never ran. */
    record Expired(OperationError error) implements Unsuccessful {

        public Expired {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public OperationStatus status() {
            return OperationStatus.EXPIRED;
        }
    }
}
