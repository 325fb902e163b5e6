package org.ldapscim.bridge.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A change the watcher saw made in the directory, recorded by {@link JournalStore#recordDirectoryChange} as one
 * completed entry of origin {@link Origin#DIRECTORY}.
 *
 * @param occurredAt   when the directory says the change happened, else when the watcher saw it
 * @param operation    CREATE, MODIFY, RENAME or DELETE
 * @param resourceType the SCIM resource type
 * @param resourceId   the SCIM id
 * @param dn           the entry's DN (after a rename, the new one)
 * @param changes      attribute name to {@code {"before":[...],"after":[...]}}, either side where the source tells it
 * @param entryVersion the entry's meta.version after the change, null for a deletion
 * @param changedBy    who the directory says made it (modifiersName), or null where it does not say
 * @param detail       a short note, or null
 */
public record DirectoryChange(Instant occurredAt, Operation operation, String resourceType, String resourceId,
                              String dn, ObjectNode changes, String entryVersion, String changedBy, String detail) {

    /** What the journal records as the client of a change whose author the directory does not name. */
    public static final String UNKNOWN_AUTHOR = "directory";

    public DirectoryChange {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(changes, "changes");
        ColumnLimits.requirePresent(resourceType, ColumnLimits.RESOURCE_TYPE, "resourceType");
        ColumnLimits.requirePresent(resourceId, ColumnLimits.RESOURCE_ID, "resourceId");
        ColumnLimits.requireFits(entryVersion, ColumnLimits.ENTRY_VERSION, "entryVersion");
    }
}
