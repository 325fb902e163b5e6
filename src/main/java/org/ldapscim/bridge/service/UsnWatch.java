package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.util.StaticUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.WatchPosition;
import org.ldapscim.bridge.ldap.PagedSearch;

/**
 * Changes on Active Directory by update sequence number: every write gives the entry a uSNChanged above any
 * before it on that domain controller, so entries with a higher one changed, and deleted objects with a higher one
 * were deleted since (read from the Deleted Objects container with the Show Deleted control, kept there by their
 * objectGUID and lastKnownParent). USNs count per domain controller: the position is kept per controller.
 */
final class UsnWatch implements WatchSource {
    static final String MECHANISM = "USN";
    private static final String USN_CHANGED = "uSNChanged";
    private static final String USN_CREATED = "uSNCreated";
    private static final int WALK_PAGE = 500;
    private static final String[] DELETED_ATTRIBUTES = {"*", USN_CHANGED, "whenChanged", "lastKnownParent",
            "isDeleted", "objectGUID"};

    private final WatchedEntries entries;

    UsnWatch(WatchedEntries entries) {
        this.entries = entries;
    }

    @Override
    public String mechanism() {
        return MECHANISM;
    }

    @Override
    public Batch changesSince(WatchPosition from) {
        if (from == null) {
            Entry root = entries.directory.rootDse("highestCommittedUSN");
            String highest = root == null ? null : root.getAttributeValue("highestCommittedUSN");
            return new Batch(List.of(), position(highest == null ? 0 : Long.parseLong(highest)));
        }
        long after = Long.parseLong(from.position());
        String next = Long.toString(after + 1);
        List<Observed> found = new ArrayList<>();
        Filter changed = Filter.createANDFilter(entries.mapping.searchFilter(),
                Filter.createGreaterOrEqualFilter(USN_CHANGED, next));
        try (PagedSearch search = entries.directory.pagedSearch(entries.mapping.baseDns(), changed, null,
                withUsns(entries.attributes()))) {
            while (!search.exhausted()) {
                for (SearchResultEntry entry : search.next(WALK_PAGE)) {
                    found.add(live(entry, after));
                }
            }
        }
        for (SearchResultEntry tombstone : deletedSince(next)) {
            Observed deletion = deleted(tombstone);
            if (deletion != null) {
                found.add(deletion);
            }
        }
        found.sort(Comparator.comparingLong(Observed::usn));
        List<ObservedChange> changes = new ArrayList<>();
        long end = after;
        for (Observed observed : found) {
            if (observed.change() != null) {
                changes.add(observed.change());
            }
            end = Math.max(end, observed.usn());
        }
        return new Batch(changes, position(end));
    }

    private record Observed(long usn, ObservedChange change) {
    }

    /** An entry created after the position is new, however often it changed since. */
    private Observed live(SearchResultEntry entry, long position) {
        long usn = usn(entry, USN_CHANGED);
        String id = entries.mapping.id().read(entry);
        if (id == null) {
            return new Observed(usn, null);
        }
        WatchPosition resume = position(usn - 1);
        Operation operation = usn(entry, USN_CREATED) > position ? Operation.CREATE : Operation.MODIFY;
        var changes = ChangeRecord.ofSeen(entry, entries.recordedAttributes(entry), entries.secretAttributes).json();
        return new Observed(usn, new ObservedChange(operation, id, entry.getDN(), entries.mapping.version(entry),
                changes, when(entry), null, null, resume));
    }

    private Observed deleted(SearchResultEntry tombstone) {
        long usn = usn(tombstone, USN_CHANGED);
        String parent = tombstone.getAttributeValue("lastKnownParent");
        String id = entries.mapping.id().read(tombstone);
        if (id == null || parent == null || !heldUnder(parent)) {
            return new Observed(usn, null);
        }
        var changes = ChangeRecord.ofDeleted(entries.recorded(tombstone), entries.secretAttributes).json();
        return new Observed(usn, new ObservedChange(Operation.DELETE, id, tombstone.getDN(), null, changes,
                when(tombstone), null, "deleted from " + parent, position(usn - 1)));
    }

    /** The deleted objects of this type with a uSNChanged of at least {@code from}, from each domain's container. */
    private List<SearchResultEntry> deletedSince(String from) {
        Entry root = entries.directory.rootDse("defaultNamingContext");
        String domain = root == null ? null : root.getAttributeValue("defaultNamingContext");
        if (domain == null) {
            return List.of();
        }
        Filter filter = Filter.createANDFilter(Filter.createEqualityFilter("isDeleted", "TRUE"),
                Filter.createGreaterOrEqualFilter(USN_CHANGED, from));
        try {
            // A tombstone keeps its object classes, so the mapping's filter still tells its type.
            return entries.directory.searchDeleted(new DN("CN=Deleted Objects," + domain), filter, DELETED_ATTRIBUTES)
                    .stream().filter(this::ofThisType).toList();
        } catch (LDAPException e) {
            return List.of();
        }
    }

    private boolean ofThisType(Entry tombstone) {
        try {
            return entries.mapping.searchFilter().matchesEntry(tombstone);
        } catch (LDAPException e) {
            return false;
        }
    }

    private boolean heldUnder(String parent) {
        try {
            DN dn = new DN(parent);
            return entries.mapping.baseDns().stream().anyMatch(base -> dn.isDescendantOf(base, true));
        } catch (LDAPException e) {
            return false;
        }
    }

    private static String[] withUsns(String[] attributes) {
        String[] all = java.util.Arrays.copyOf(attributes, attributes.length + 3);
        all[attributes.length] = USN_CHANGED;
        all[attributes.length + 1] = USN_CREATED;
        all[attributes.length + 2] = "whenChanged";
        return all;
    }

    private static long usn(Entry entry, String attribute) {
        Long value = entry.getAttributeValueAsLong(attribute);
        return value == null ? 0 : value;
    }

    private static Instant when(Entry entry) {
        String value = entry.getAttributeValue("whenChanged");
        if (value != null) {
            try {
                return StaticUtils.decodeGeneralizedTime(value).toInstant();
            } catch (ParseException e) {
                return Instant.now();
            }
        }
        return Instant.now();
    }

    private static WatchPosition position(long usn) {
        return new WatchPosition(MECHANISM, Long.toString(usn), List.of());
    }
}
