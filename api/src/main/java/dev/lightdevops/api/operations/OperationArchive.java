package dev.lightdevops.api.operations;

import dev.lightdevops.common.operation.Operation;
import java.util.Optional;

/**
 * Where operations live on after this instance's view retired them: the history store, when one is configured.
 * {@link OperationLookup} asks it only for ids the caught-up view does not hold.
 */
public interface OperationArchive {

    /**
     * The last snapshot of operation {@code id} of {@code tenant}, if the archive holds one.
     *
     * @throws ArchiveUnavailableException when the archive cannot be reached
     */
    Optional<Operation> find(String id, String tenant);

    /** The archive could not answer (its database is down, for instance). */
    class ArchiveUnavailableException extends RuntimeException {

        public ArchiveUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
