package org.ldapscim.bridge.journal;

/**
 * Where a journalled write stands: {@code PENDING} from {@link JournalStore#begin} until
 * {@link JournalStore#complete} records whether the directory accepted it.
 */
public enum Outcome {
    PENDING,
    SUCCEEDED,
    FAILED
}
