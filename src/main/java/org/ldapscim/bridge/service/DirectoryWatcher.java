package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.journal.DirectoryChange;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Origin;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.journal.WatchPosition;
import org.ldapscim.bridge.journal.WatchPositions;
import org.ldapscim.bridge.ldap.ChangeLog;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journals the changes made in the directory behind the bridge's back (an administrator's ldapmodify, another
 * provisioning tool, AD Users and Computers), with origin DIRECTORY, so the journal knows every change and a
 * {@code meta.lastModified} filter can answer deletions too.
 *
 * <p>The bridge's own writes reach the directory too and must not be journaled twice. Matching them by DN and time
 * would need the directory's clock to agree with the bridge's to within the write's duration, and modifyTimestamp
 * counts whole seconds; instead each write of the bridge records the version (meta.version) the entry had when the
 * bridge read it back, and a change found here whose version the journal already holds for the resource is
 * skipped. While a write of the bridge's to the resource is still pending, or completed without its version yet,
 * the change waits for the next look rather than be taken for someone else's. A deletion is known when the journal
 * holds one for the resource's id. What this cannot tell apart: a change made between the bridge's write and its
 * read-back is taken as part of the write; a change followed by a write of the bridge's before the next look is
 * seen only as that write.
 *
 * <p>One look ({@link #lookOnce}) reads each resource type's changes from its stored position and stores the
 * position reached. Looks run on a single thread, one after the other; {@link #start} takes a condition checked
 * before each, so that with several bridges on one journal only the one holding a lock looks.
 */
public final class DirectoryWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);
    /** How long a change waits for a write of the bridge's to the resource to record its version. */
    static final Duration SETTLE = Duration.ofSeconds(60);

    private final String directoryName;
    private final JournalStore journal;
    private final WatchPositions positions;
    private final List<Watched> watched;
    private final Clock clock;
    private volatile Instant caughtUp;
    private volatile Instant newestChange;

    private record Watched(ResourceMapping mapping, WatchSource source) {
    }

    private DirectoryWatcher(String directoryName, JournalStore journal, WatchPositions positions,
                             List<Watched> watched, Clock clock) {
        this.directoryName = directoryName;
        this.clock = clock;
        this.journal = journal;
        this.positions = positions;
        this.watched = List.copyOf(watched);
    }

    /**
     * A watcher of every mapping's entries, by the mechanism configured, or for {@code auto} the best the directory
     * offers: its change log, else Active Directory's USNs, else timestamps.
     *
     * @param directoryName names the directory in the stored positions (its URLs); an Active Directory domain
     *                      controller's own name is added, since USNs count per controller
     */
    public static DirectoryWatcher create(List<ResourceMapping> mappings, DirectoryClient directory,
                                          JournalStore journal, WatchPositions positions, String directoryName,
                                          WatchConfig.Mechanism mechanism) {
        return create(mappings, directory, journal, positions, directoryName, mechanism, Clock.systemUTC());
    }

    /** As above, telling the settle time of the bridge's own writes by {@code clock}. */
    public static DirectoryWatcher create(List<ResourceMapping> mappings, DirectoryClient directory,
                                          JournalStore journal, WatchPositions positions, String directoryName,
                                          WatchConfig.Mechanism mechanism, Clock clock) {
        ChangeLog log = mechanism == WatchConfig.Mechanism.auto || mechanism == WatchConfig.Mechanism.changelog
                ? ChangeLog.of(directory) : null;
        WatchConfig.Mechanism chosen = mechanism;
        if (mechanism == WatchConfig.Mechanism.auto) {
            chosen = log != null ? WatchConfig.Mechanism.changelog
                    : directory.isActiveDirectory() ? WatchConfig.Mechanism.usn : WatchConfig.Mechanism.timestamp;
        }
        if (chosen == WatchConfig.Mechanism.changelog && log == null) {
            throw new IllegalStateException("the directory's root DSE names no change log (changeLog attribute)");
        }
        String name = directoryName;
        if (chosen == WatchConfig.Mechanism.usn) {
            Entry root = directory.rootDse("dsServiceName");
            String controller = root == null ? null : root.getAttributeValue("dsServiceName");
            name = controller == null ? name : name + " " + controller;
        }
        List<Watched> watched = new ArrayList<>();
        for (ResourceMapping mapping : mappings) {
            WatchedEntries entries = new WatchedEntries(mapping, directory);
            WatchSource source = switch (chosen) {
                case changelog -> new ChangeLogWatch(log, entries);
                case usn -> new UsnWatch(entries);
                default -> new TimestampWatch(entries);
            };
            watched.add(new Watched(mapping, source));
        }
        LOG.info("watching {} for changes made outside the bridge, by {}", directoryName, chosen);
        return new DirectoryWatcher(name, journal, positions, watched, clock);
    }

    /** The mechanism each resource type is watched by, as stored with its position. */
    public String mechanism() {
        return watched.isEmpty() ? null : watched.get(0).source().mechanism();
    }

    /** One look at every resource type; returns how many changes it journaled. */
    public synchronized int lookOnce() {
        int recorded = 0;
        boolean allRead = true;
        for (Watched each : watched) {
            Look look = look(each);
            recorded += look.recorded();
            allRead &= look.allRead();
        }
        if (allRead) {
            caughtUp = clock.instant();
        }
        return recorded;
    }

    /**
     * When a look last read every resource type's changes to the end, none left waiting for a write of the bridge's
     * to settle; empty before the first such look (or on an instance that does not hold the watcher's lock).
     */
    public Optional<Instant> lastCaughtUp() {
        return Optional.ofNullable(caughtUp);
    }

    /** When the newest change a look has taken in (journaled, or known as the bridge's own) was made. */
    public Optional<Instant> newestChange() {
        return Optional.ofNullable(newestChange);
    }

    private record Look(int recorded, boolean allRead) {
    }

    private void tookIn(ObservedChange change) {
        Instant when = change.when();
        if (when != null && (newestChange == null || when.isAfter(newestChange))) {
            newestChange = when;
        }
    }

    private Look look(Watched each) {
        String type = each.mapping().name();
        WatchSource source = each.source();
        WatchPosition from = positions.find(directoryName, type)
                .filter(position -> position.mechanism().equals(source.mechanism()))
                .orElse(null);
        WatchSource.Batch batch = source.changesSince(from);
        int recorded = 0;
        for (ObservedChange change : batch.changes()) {
            Verdict verdict = verdict(type, change);
            if (verdict == Verdict.WAIT) {
                positions.store(directoryName, type, change.resumeBefore());
                return new Look(recorded, false);
            }
            if (verdict == Verdict.RECORD) {
                journal.recordDirectoryChange(asRecorded(type, change));
                recorded++;
            }
            tookIn(change);
        }
        positions.store(directoryName, type, batch.end());
        return new Look(recorded, true);
    }

    /**
     * The change as the journal records it. Sources that see only the entry as it is now tell a rename by its DN
     * differing from the one the journal last recorded.
     */
    private DirectoryChange asRecorded(String type, ObservedChange change) {
        Operation operation = change.operation();
        ObjectNode changes = change.changes();
        if (operation == Operation.CREATE && knownAsExisting(type, change)) {
            // Created by the bridge (or seen before) and changed since, before a look saw the change on its own.
            operation = Operation.MODIFY;
        }
        if (operation == Operation.MODIFY && change.dn() != null) {
            String before = journal.latestFor(type, change.resourceId(), change.dn()).map(JournalEntry::dn).orElse(null);
            if (before != null && !sameDn(before, change.dn())) {
                operation = Operation.RENAME;
                ObjectNode dn = changes.putObject("dn");
                dn.putArray("before").add(before);
                dn.putArray("after").add(change.dn());
            }
        }
        return new DirectoryChange(change.when(), operation, type, change.resourceId(), change.dn(), changes,
                change.version(), change.changedBy(), change.detail());
    }

    /** Whether the journal holds the resource, and no deletion of it since. */
    private boolean knownAsExisting(String type, ObservedChange change) {
        return journal.latestFor(type, change.resourceId(), change.dn()).isPresent()
                && !journal.recordsDeletionOf(type, change.resourceId());
    }

    private static boolean sameDn(String one, String other) {
        try {
            return new DN(one).equals(new DN(other));
        } catch (LDAPException e) {
            return one.equalsIgnoreCase(other);
        }
    }

    private enum Verdict { RECORD, KNOWN, WAIT }

    private Verdict verdict(String type, ObservedChange change) {
        if (change.operation() == Operation.DELETE) {
            return journal.recordsDeletionOf(type, change.resourceId()) ? Verdict.KNOWN : Verdict.RECORD;
        }
        // Any entry of the resource may hold the version, not only the latest: a write's read-back can record it
        // after a later entry of the resource began, or an entry without a version can follow it.
        if (change.version() != null && change.resourceId() != null
                && journal.holdsVersion(type, change.resourceId(), change.version())) {
            return Verdict.KNOWN;
        }
        Optional<JournalEntry> latest = journal.latestFor(type, change.resourceId(), change.dn());
        if (latest.isEmpty()) {
            return Verdict.RECORD;
        }
        JournalEntry entry = latest.get();
        if (change.version() != null && change.version().equals(entry.entryVersion())) {
            return Verdict.KNOWN;
        }
        if (entry.origin() == Origin.BRIDGE && entry.entryVersion() == null && awaitsVersion(entry)) {
            return Verdict.WAIT;
        }
        return Verdict.RECORD;
    }

    /** A write of the bridge's still under way, or just done and about to record its version. */
    private boolean awaitsVersion(JournalEntry entry) {
        if (entry.outcome() != Outcome.PENDING && entry.outcome() != Outcome.SUCCEEDED) {
            return false;
        }
        if (entry.operation() == Operation.DELETE || entry.operation() == Operation.PURGE) {
            return false;
        }
        Instant since = entry.completedAt() != null ? entry.completedAt() : entry.occurredAt();
        return since.plus(SETTLE).isAfter(clock.instant());
    }
}
