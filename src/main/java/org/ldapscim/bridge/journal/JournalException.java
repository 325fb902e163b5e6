package org.ldapscim.bridge.journal;

/**
 * Signals that the journal could not be opened, migrated, read or written. It carries the
 * underlying SQL or process failure as its cause and never the database password.
 */
public class JournalException extends RuntimeException {

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
