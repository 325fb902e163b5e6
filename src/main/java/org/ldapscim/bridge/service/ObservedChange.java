package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.WatchPosition;

/**
 * One change the watcher found in the directory, before it is known whether the journal has it already.
 *
 * @param operation    CREATE, MODIFY, RENAME or DELETE
 * @param resourceId   the SCIM id
 * @param dn           the entry's DN now (for a deletion, its last DN)
 * @param version      the entry's meta.version now, null for a deletion
 * @param changes      what the source tells of the change, per LDAP attribute
 * @param when         when the directory says it happened, else when it was seen
 * @param changedBy    who the directory says changed the entry last, or null
 * @param detail       a short note for the journal, or null
 * @param resumeBefore the position to read from again when this change must wait for a write of the bridge's
 *                     to be journaled
 */
record ObservedChange(Operation operation, String resourceId, String dn, String version, ObjectNode changes,
                      Instant when, String changedBy, String detail, WatchPosition resumeBefore) {
}
