package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.util.StaticUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.ldap.PagedSearch;
import org.ldapscim.bridge.journal.WatchPosition;

/**
 * Changes found by the time each entry was last modified (the mapping's meta.lastModified attribute, such as
 * OpenLDAP's modifyTimestamp), for directories that keep no change log. Each look walks the id, timestamps and
 * version of every entry of the type: an entry modified at or after the position is a change, and an id seen by
 * the previous look that is gone is a deletion. Timestamps count whole seconds, so a position repeats; the versions
 * already handled at it are kept with it. The directory tells no earlier values: a change records the entry's
 * mapped attributes as they are after it, and a deletion its id and the DN the previous look saw it at (where it
 * was, which a client scoped to base DNs needs to learn of it). Deletions made while the bridge was not
 * running are not found (no look before them knew the id).
 */
final class TimestampWatch implements WatchSource {
    static final String MECHANISM = "TIMESTAMP";
    private static final int WALK_PAGE = 500;

    private final WatchedEntries entries;
    private final String[] walked;
    /** The ids the previous look saw, with the DN of each. */
    private Map<String, String> knownDns;

    TimestampWatch(WatchedEntries entries) {
        this.entries = entries;
        Set<String> attributes = new LinkedHashSet<>();
        attributes.add(entries.mapping.id().attribute());
        attributes.add(entries.mapping.meta().lastModified());
        attributes.add(entries.mapping.meta().created());
        attributes.addAll(entries.mapping.meta().version());
        this.walked = attributes.toArray(String[]::new);
    }

    @Override
    public String mechanism() {
        return MECHANISM;
    }

    @Override
    public Batch changesSince(WatchPosition from) {
        List<SearchResultEntry> all = walk();
        Map<String, SearchResultEntry> byId = new HashMap<>();
        Instant latest = null;
        for (SearchResultEntry entry : all) {
            String id = entries.mapping.id().read(entry);
            if (id != null) {
                byId.put(id, entry);
            }
            Instant modified = modified(entry);
            if (modified != null && (latest == null || modified.isAfter(latest))) {
                latest = modified;
            }
        }
        Map<String, String> previous = knownDns;
        knownDns = new HashMap<>();
        byId.forEach((id, entry) -> knownDns.put(id, entry.getDN()));
        if (from == null) {
            return new Batch(List.of(), reached(latest, all, null));
        }
        Instant position = time(from.position());
        Set<String> handled = new HashSet<>(from.handled());
        List<SearchResultEntry> changed = new ArrayList<>();
        for (SearchResultEntry entry : byId.values()) {
            Instant modified = modified(entry);
            if (modified == null || position == null || modified.isAfter(position)
                    || (modified.equals(position) && !handled.contains(entries.mapping.version(entry)))) {
                changed.add(entry);
            }
        }
        changed.sort(Comparator.comparing(entry -> {
            Instant modified = modified(entry);
            return modified == null ? Instant.EPOCH : modified;
        }));
        List<ObservedChange> changes = new ArrayList<>();
        // Deletions first: they never wait, and the ids they come from are forgotten after this look.
        if (previous != null) {
            for (Map.Entry<String, String> known : previous.entrySet()) {
                if (!byId.containsKey(known.getKey())) {
                    changes.add(new ObservedChange(Operation.DELETE, known.getKey(), known.getValue(), null,
                            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), Instant.now(),
                            null, "no longer found in the directory", from));
                }
            }
        }
        for (SearchResultEntry walkedEntry : changed) {
            ObservedChange change = observe(walkedEntry, position, from, previous);
            if (change != null) {
                changes.add(change);
            }
        }
        Instant end = latest == null || (position != null && position.isAfter(latest)) ? position : latest;
        return new Batch(changes, reached(end, all, from));
    }

    /**
     * An entry the previous look did not see is new; after a restart, with no previous look, one created at or after
     * the position is (timestamps count whole seconds, so the position's second may hold its creation). The watcher
     * journals either as a change when the journal knows it already (the bridge created it and it changed since).
     */
    private ObservedChange observe(SearchResultEntry walkedEntry, Instant position, WatchPosition from,
                                   Map<String, String> previous) {
        Entry now = entries.read(walkedEntry.getDN());
        if (now == null) {
            return null;
        }
        String id = entries.mapping.id().read(now);
        Instant modified = modified(now);
        Instant created = time(now.getAttributeValue(entries.mapping.meta().created()));
        boolean isNew = previous != null ? !previous.containsKey(id)
                : created != null && position != null && !created.isBefore(position);
        Operation operation = isNew ? Operation.CREATE : Operation.MODIFY;
        var changes = ChangeRecord.ofSeen(now, entries.recordedAttributes(now), entries.secretAttributes).json();
        return new ObservedChange(operation, id, now.getDN(), entries.mapping.version(now), changes,
                modified == null ? Instant.now() : modified, entries.changedBy(now), null, from);
    }

    /** The latest timestamp, with the versions of the entries that carry exactly it. */
    private WatchPosition reached(Instant latest, List<SearchResultEntry> all, WatchPosition from) {
        if (latest == null) {
            return from != null ? from : new WatchPosition(MECHANISM, StaticUtils.encodeGeneralizedTime(new Date(0)),
                    List.of());
        }
        List<String> handled = new ArrayList<>();
        for (SearchResultEntry entry : all) {
            if (latest.equals(modified(entry))) {
                handled.add(entries.mapping.version(entry));
            }
        }
        return new WatchPosition(MECHANISM, StaticUtils.encodeGeneralizedTime(Date.from(latest)), handled);
    }

    private List<SearchResultEntry> walk() {
        List<SearchResultEntry> all = new ArrayList<>();
        try (PagedSearch search = entries.directory.pagedSearch(entries.mapping.baseDns(),
                entries.mapping.searchFilter(), null, walked)) {
            while (!search.exhausted()) {
                all.addAll(search.next(WALK_PAGE));
            }
        }
        return all;
    }

    private Instant modified(Entry entry) {
        return time(entry.getAttributeValue(entries.mapping.meta().lastModified()));
    }

    private static Instant time(String generalizedTime) {
        if (generalizedTime == null) {
            return null;
        }
        try {
            return StaticUtils.decodeGeneralizedTime(generalizedTime).toInstant();
        } catch (ParseException e) {
            return null;
        }
    }
}
