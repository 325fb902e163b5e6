package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.WatchPosition;
import org.ldapscim.bridge.ldap.ChangeLog;
import org.ldapscim.bridge.ldap.ChangeLogRecord;

/**
 * Changes from the directory's change log: every add, modify, rename and delete, each with its number. The
 * changes one look finds for one entry become one observation, of the entry as it is now, because only its
 * present version can be compared with the versions the journal recorded; a deletion keeps the entry as the
 * log recorded it, so its values before are journaled.
 */
final class ChangeLogWatch implements WatchSource {
    static final String MECHANISM = "CHANGELOG";
    /** The most changes one look reads; the next look goes on from there. */
    private static final int BATCH = 1000;

    private final ChangeLog log;
    private final WatchedEntries entries;

    ChangeLogWatch(ChangeLog log, WatchedEntries entries) {
        this.log = log;
        this.entries = entries;
    }

    @Override
    public String mechanism() {
        return MECHANISM;
    }

    @Override
    public Batch changesSince(WatchPosition from) {
        long[] bounds = log.bounds();
        if (from == null) {
            return new Batch(List.of(), position(bounds[1]));
        }
        long after = Long.parseLong(from.position());
        if (after > bounds[1] || (bounds[0] > 0 && after < bounds[0] - 1)) {
            // The log was started afresh (a restarted in-memory directory) or has dropped changes not yet read:
            // what is in it now is all there is to read.
            after = Math.max(0, bounds[0] - 1);
        }
        long upTo = Math.min(bounds[1], after + BATCH);
        if (upTo <= after) {
            return new Batch(List.of(), position(after));
        }
        List<ObservedChange> changes = new ArrayList<>();
        for (EntryChanges entry : collapse(log.between(after, upTo))) {
            ObservedChange change = observe(entry);
            if (change != null) {
                changes.add(change);
            }
        }
        return new Batch(changes, position(upTo));
    }

    private static WatchPosition position(long number) {
        return new WatchPosition(MECHANISM, Long.toString(number), List.of());
    }

    /** What one look found for one entry: its first and last DN, the records and what they changed. */
    private static final class EntryChanges {
        final long firstNumber;
        final String firstDn;
        String dn;
        boolean added;
        boolean renamed;
        ChangeLogRecord deletion;
        final Set<String> replaced = new LinkedHashSet<>();
        final List<Modification> valueChanges = new ArrayList<>();
        Instant time;

        EntryChanges(ChangeLogRecord first) {
            this.firstNumber = first.number();
            this.firstDn = first.targetDn();
            this.dn = first.targetDn();
        }
    }

    private static List<EntryChanges> collapse(List<ChangeLogRecord> records) {
        Map<DN, EntryChanges> byDn = new LinkedHashMap<>();
        List<EntryChanges> all = new ArrayList<>();
        for (ChangeLogRecord record : records) {
            DN target = dn(record.targetDn());
            if (target == null) {
                continue;
            }
            EntryChanges entry = byDn.remove(target);
            if (entry == null) {
                entry = new EntryChanges(record);
                all.add(entry);
            }
            entry.time = record.time();
            if (record.isAdd()) {
                entry.added = true;
            } else if (record.isDelete()) {
                entry.deletion = record;
                continue;
            } else if (record.isRename()) {
                entry.renamed = true;
                entry.dn = renamedDn(target, record);
            } else {
                for (Modification modification : record.modifications()) {
                    if (modification.getModificationType() == ModificationType.REPLACE) {
                        entry.replaced.add(modification.getAttributeName());
                    } else {
                        entry.valueChanges.add(modification);
                    }
                }
            }
            DN now = dn(entry.dn);
            if (now != null) {
                byDn.put(now, entry);
            }
        }
        return all;
    }

    private ObservedChange observe(EntryChanges changes) {
        WatchPosition resume = position(changes.firstNumber - 1);
        Instant when = changes.time == null ? Instant.now() : changes.time;
        if (changes.deletion != null) {
            Entry deleted = changes.deletion.deleted();
            if (deleted == null || !entries.held(deleted)) {
                return null;
            }
            String id = entries.mapping.id().read(deleted);
            if (id == null) {
                return null;
            }
            ObjectNode before = ChangeRecord.ofDeleted(entries.recorded(deleted), entries.secretAttributes).json();
            return new ObservedChange(Operation.DELETE, id, changes.dn, null, before, when, null, null, resume);
        }
        Entry now = entries.read(changes.dn);
        if (now == null) {
            return null;
        }
        String id = entries.mapping.id().read(now);
        if (id == null) {
            return null;
        }
        String version = entries.mapping.version(now);
        String by = entries.changedBy(now);
        if (changes.added) {
            ObjectNode after = ChangeRecord.ofCreated(entries.recorded(now), entries.secretAttributes).json();
            return new ObservedChange(Operation.CREATE, id, changes.dn, version, after, when, by, null, resume);
        }
        ChangeRecord record = ChangeRecord.ofSeen(now, changes.replaced, entries.secretAttributes);
        for (Modification modification : changes.valueChanges) {
            record.take(null, modification);
        }
        ObjectNode json = record.json();
        if (changes.renamed) {
            ObjectNode dn = json.putObject("dn");
            dn.putArray("before").add(changes.firstDn);
            dn.putArray("after").add(changes.dn);
            boolean wasHeld = entries.mapping.holds(dn(changes.firstDn));
            return new ObservedChange(wasHeld ? Operation.RENAME : Operation.CREATE, id, changes.dn, version, json,
                    when, by, wasHeld ? null : "moved in from " + changes.firstDn, resume);
        }
        return new ObservedChange(Operation.MODIFY, id, changes.dn, version, json, when, by, null, resume);
    }

    private static String renamedDn(DN target, ChangeLogRecord record) {
        try {
            DN parent = record.newSuperior() != null ? new DN(record.newSuperior()) : target.getParent();
            RDN rdn = new RDN(record.newRdn());
            return new DN(rdn, parent).toString();
        } catch (LDAPException | RuntimeException e) {
            return target.toString();
        }
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            return null;
        }
    }
}
