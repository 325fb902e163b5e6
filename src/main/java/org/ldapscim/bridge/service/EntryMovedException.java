package org.ldapscim.bridge.service;

/**
 * The entry a write had just read was renamed or deleted before the write reached it (another bridge, or
 * the directory's own administrators). The use case is run again from its read, which finds the entry at
 * its new DN or answers 404.
 */
final class EntryMovedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EntryMovedException(Throwable cause) {
        super("the entry moved during the write", cause);
    }
}
