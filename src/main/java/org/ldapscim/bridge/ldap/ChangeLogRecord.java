package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a directory's change log (draft-good-ldap-changelog, as UnboundID's in-memory directory and
 * 389-DS's retro changelog keep it under {@code cn=changelog}).
 *
 * @param number        the change number, growing with every change
 * @param targetDn      the DN of the entry the change was made to, before a rename
 * @param type          {@code add}, {@code modify}, {@code moddn} (or {@code modrdn}) or {@code delete}
 * @param added         the entry as added, for an add
 * @param modifications the modifications of a modify, else empty
 * @param newRdn        the new RDN of a rename, else null
 * @param newSuperior   the new parent of a move, else null
 * @param deleted       the entry as it was when deleted, where the log keeps it ({@code deletedEntryAttrs}), else null
 * @param time          when the change was logged, null where the log does not say
 */
public record ChangeLogRecord(long number, String targetDn, String type, Entry added, List<Modification> modifications,
                              String newRdn, String newSuperior, Entry deleted, Instant time) {

    public ChangeLogRecord {
        modifications = List.copyOf(modifications);
    }

    public boolean isAdd() {
        return "add".equalsIgnoreCase(type);
    }

    public boolean isDelete() {
        return "delete".equalsIgnoreCase(type);
    }

    public boolean isRename() {
        return "moddn".equalsIgnoreCase(type) || "modrdn".equalsIgnoreCase(type);
    }
}
