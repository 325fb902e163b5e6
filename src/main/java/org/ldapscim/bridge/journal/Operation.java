package org.ldapscim.bridge.journal;

/**
 * The kind of change that a journal entry records: a SCIM write ({@code CREATE} to {@code DELETE}), a step of
 * offboarding or its reversal, a purge after the grace period, or a directory-side change that is not a SCIM
 * operation ({@code MODIFY}, {@code RENAME}).
 */
public enum Operation {
    CREATE,
    REPLACE,
    PATCH,
    DELETE,
    DEPROVISION,
    REACTIVATE,
    PURGE,
    MODIFY,
    RENAME
}
