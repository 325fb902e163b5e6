package org.ldapscim.bridge.journal;

import java.util.List;
import java.util.Objects;

/**
 * Where the watcher stopped reading one directory's changes to one resource type.
 *
 * @param mechanism how the position counts: {@code CHANGELOG} (a change number), {@code USN} (Active Directory's
 *                  uSNChanged) or {@code TIMESTAMP} (a GeneralizedTime)
 * @param position  the last change number or USN handled, or the latest timestamp seen
 * @param handled   the versions already handled at exactly {@code position}, where several changes share it
 */
public record WatchPosition(String mechanism, String position, List<String> handled) {

    public WatchPosition {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(position, "position");
        handled = handled == null ? List.of() : List.copyOf(handled);
    }
}
