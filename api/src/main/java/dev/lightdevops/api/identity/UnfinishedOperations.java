package dev.lightdevops.api.identity;

/**
 * How many deploys and rollbacks a principal started that have not finished yet, as the limits see them: the cap on
 * active operations asks this (the operations' view answers it), so identity needs no feature package.
 */
public interface UnfinishedOperations {

    /** Deploys and rollbacks of {@code principal} in {@code tenant} that are not terminal in this instance's view. */
    long unfinishedCount(String principal, String tenant);
}
