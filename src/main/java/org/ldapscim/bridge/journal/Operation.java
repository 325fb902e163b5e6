package org.ldapscim.bridge.journal;

/** The kind of SCIM write that a journal entry records. */
public enum Operation {
    CREATE,
    REPLACE,
    PATCH,
    DELETE
}
