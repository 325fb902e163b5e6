package org.ldapscim.bridge.journal;

/** Hears of each write to {@code journal_entry}, as it ends: what it was, whether it failed, how long it took. */
@FunctionalInterface
public interface WriteListener {
    WriteListener NONE = (write, failed, nanos) -> {
    };

    /** @param write begin, complete or directoryChange */
    void written(String write, boolean failed, long nanos);
}
