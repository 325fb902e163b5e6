package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFModifyChangeRecord;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.util.StaticUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a directory's change log under {@code cn=changelog} (draft-good-ldap-changelog): the root DSE names it and
 * its first and last change numbers, and each change is an entry holding the target DN, the type and the changes in
 * LDIF. UnboundID's in-memory directory keeps one when given a maximum number of entries; 389-DS with its retro
 * changelog plugin.
 */
public final class ChangeLog {
    private static final String[] ROOT_ATTRIBUTES = {"changeLog", "firstChangeNumber", "lastChangeNumber"};
    private static final String[] RECORD_ATTRIBUTES = {"changeNumber", "targetDN", "changeType", "changes", "newRDN",
            "newSuperior", "deletedEntryAttrs", "changeTime", "createTimestamp"};

    private final DirectoryClient directory;
    private final DN base;

    private ChangeLog(DirectoryClient directory, DN base) {
        this.directory = directory;
        this.base = base;
    }

    /** The directory's change log, or null when its root DSE names none. */
    public static ChangeLog of(DirectoryClient directory) {
        Entry root = directory.rootDse(ROOT_ATTRIBUTES);
        String name = root == null ? null : root.getAttributeValue("changeLog");
        if (name == null) {
            return null;
        }
        try {
            return new ChangeLog(directory, new DN(name));
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new DirectoryException("reading the root DSE's changeLog", e);
        }
    }

    /** The numbers of the oldest and the newest change the log still holds; both 0 while it is empty. */
    public long[] bounds() {
        Entry root = directory.rootDse(ROOT_ATTRIBUTES);
        Long first = root == null ? null : root.getAttributeValueAsLong("firstChangeNumber");
        Long last = root == null ? null : root.getAttributeValueAsLong("lastChangeNumber");
        return new long[] {first == null ? 0 : first, last == null ? 0 : last};
    }

    /** The changes numbered {@code after + 1} to {@code upTo}, in their order. */
    public List<ChangeLogRecord> between(long after, long upTo) {
        Filter range = Filter.createANDFilter(
                Filter.createGreaterOrEqualFilter("changeNumber", Long.toString(after + 1)),
                Filter.createLessOrEqualFilter("changeNumber", Long.toString(upTo)));
        List<ChangeLogRecord> records = new ArrayList<>();
        for (SearchResultEntry entry : directory.search(base, range, 0, RECORD_ATTRIBUTES)) {
            Long number = entry.getAttributeValueAsLong("changeNumber");
            String target = entry.getAttributeValue("targetDN");
            if (number != null && target != null) {
                records.add(record(number, target, entry));
            }
        }
        records.sort(Comparator.comparingLong(ChangeLogRecord::number));
        return records;
    }

    private static ChangeLogRecord record(long number, String target, Entry entry) {
        String type = entry.getAttributeValue("changeType");
        String changes = entry.getAttributeValue("changes");
        Entry added = null;
        List<Modification> modifications = List.of();
        if ("add".equalsIgnoreCase(type) && changes != null) {
            added = entryOf(target, changes);
        } else if ("modify".equalsIgnoreCase(type) && changes != null) {
            modifications = modificationsOf(target, changes);
        }
        String deletedAttributes = entry.getAttributeValue("deletedEntryAttrs");
        Entry deleted = deletedAttributes == null ? null : entryOf(target, deletedAttributes);
        return new ChangeLogRecord(number, target, type, added, modifications, entry.getAttributeValue("newRDN"),
                entry.getAttributeValue("newSuperior"), deleted, time(entry));
    }

    private static Entry entryOf(String dn, String ldif) {
        try {
            List<String> lines = new ArrayList<>();
            lines.add("dn: " + dn);
            lines.addAll(ldif.lines().filter(line -> !line.isEmpty()).toList());
            return LDIFReader.decodeEntry(lines.toArray(String[]::new));
        } catch (LDIFException e) {
            // The change still happened; the watcher reads the entry itself, so only the logged values are lost.
            return new Entry(dn);
        }
    }

    private static List<Modification> modificationsOf(String dn, String ldif) {
        try {
            List<String> lines = new ArrayList<>();
            lines.add("dn: " + dn);
            lines.add("changetype: modify");
            lines.addAll(ldif.lines().toList());
            LDIFChangeRecord change = LDIFReader.decodeChangeRecord(lines.toArray(String[]::new));
            return change instanceof LDIFModifyChangeRecord modify ? List.of(modify.getModifications()) : List.of();
        } catch (LDIFException e) {
            // As above: the entry as it is now still tells the change.
            return List.of();
        }
    }

    private static Instant time(Entry entry) {
        for (String attribute : List.of("changeTime", "createTimestamp")) {
            String value = entry.getAttributeValue(attribute);
            if (value != null) {
                try {
                    return StaticUtils.decodeGeneralizedTime(value).toInstant();
                } catch (ParseException e) {
                    // The next attribute may still say.
                }
            }
        }
        return null;
    }
}
