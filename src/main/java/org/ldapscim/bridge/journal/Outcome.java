package org.ldapscim.bridge.journal;

/**
 * Where a journalled write stands: {@code PENDING} from {@link JournalStore#begin} until
 * {@link JournalStore#complete} records whether the directory accepted it, or {@code UNKNOWN} when the
 * connection broke after the write was sent, so that only reading the entry can tell.
 */
public enum Outcome {
    PENDING,
    SUCCEEDED,
    FAILED,
    UNKNOWN
}
