package org.ldapscim.bridge.service;

import java.util.List;
import org.ldapscim.bridge.journal.WatchPosition;

/** One way of finding what changed in the directory for one resource type since a position. */
interface WatchSource {

    /** How this source counts positions, as stored: CHANGELOG, USN or TIMESTAMP. */
    String mechanism();

    /**
     * The changes after {@code from}, in the order they happened, and the position they reach. Without a
     * position (the first look), no changes: the position is where the directory stands now.
     */
    Batch changesSince(WatchPosition from);

    /** The changes found and the position after the last of them. */
    record Batch(List<ObservedChange> changes, WatchPosition end) {
        public Batch {
            changes = List.copyOf(changes);
        }
    }
}
