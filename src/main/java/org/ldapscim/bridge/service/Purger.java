package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ldapscim.bridge.journal.DueDeprovision;
import org.ldapscim.bridge.journal.DueDeprovisions;
import org.ldapscim.bridge.journal.JournalException;
import org.ldapscim.bridge.journal.JournalIntent;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.journal.PurgeClaim;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the entries of offboarded accounts whose grace period has passed. Each purge claims the account's
 * offboarding record first ({@link DueDeprovisions#claim}), so that of several bridge instances exactly one
 * deletes it, and is journaled as a {@code PURGE} by client {@value #CLIENT}, with the attributes the entry had
 * (secrets as changed, never their values). An entry already gone is recorded so and counts as purged. Anything
 * else that goes wrong leaves the account offboarded, for the next run, and is logged.
 */
public final class Purger implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Purger.class);
    /** The client name purges are journaled under. */
    public static final String CLIENT = "purger";
    /** No IdP profile reads a purge: the bridge starts it itself. */
    private static final String PROFILE = "none";
    private static final String ALREADY_GONE = "the entry was already gone";
    private static final int BATCH = 100;

    private final DueDeprovisions due;
    private final JournalStore journal;
    private final DirectoryClient directory;
    private final Map<String, ResourceMapping> mappings = new LinkedHashMap<>();
    private final Clock clock;

    public Purger(DueDeprovisions due, JournalStore journal, DirectoryClient directory, List<ResourceMapping> mappings,
                  Clock clock) {
        this.due = Objects.requireNonNull(due, "due");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        mappings.forEach(mapping -> this.mappings.put(mapping.name(), mapping));
    }

    @Override
    public void run() {
        int purged = purgeDue();
        if (purged > 0) {
            LOG.info("purged {} offboarded accounts whose grace period had passed", purged);
        }
    }

    /** Purges every account due now; returns how many this call purged. Stops early when the thread is interrupted. */
    public int purgeDue() {
        int purged = 0;
        // An account that failed stays due; this run does not try it again.
        Set<Long> tried = new HashSet<>();
        while (!Thread.currentThread().isInterrupted()) {
            List<DueDeprovision> batch = due.due(clock.instant(), BATCH);
            List<DueDeprovision> untried = batch.stream().filter(row -> tried.add(row.id())).toList();
            for (DueDeprovision row : untried) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                if (purge(row)) {
                    purged++;
                }
            }
            if (untried.isEmpty() || batch.size() < BATCH) {
                break;
            }
        }
        return purged;
    }

    private boolean purge(DueDeprovision row) {
        ResourceMapping mapping = mappings.get(row.resourceType());
        if (mapping == null) {
            LOG.error("offboarding record {} is of resource type {}, which no mapping serves; not purged", row.id(),
                    row.resourceType());
            return false;
        }
        DN dn;
        try {
            dn = new DN(row.dnNow());
        } catch (LDAPException e) {
            LOG.error("offboarding record {} names no valid DN; not purged: {}", row.id(), e.getMessage());
            return false;
        }
        try (PurgeClaim claim = due.claim(row, clock.instant())) {
            if (claim == null) {
                return false;
            }
            Entry entry = directory.read(dn, "*", mapping.id().attribute());
            if (entry != null && !row.resourceId().equalsIgnoreCase(String.valueOf(mapping.id().read(entry)))) {
                LOG.error("the entry at {} is no longer {} {} of offboarding record {}; not purged", row.dnNow(),
                        row.resourceType(), row.resourceId(), row.id());
                return false;
            }
            long journalId = journal.begin(new JournalIntent("purge-" + row.id(), CLIENT, PROFILE, Operation.PURGE,
                    row.resourceType(), row.resourceId(), row.dnNow()));
            boolean gone = entry == null || !deleted(row, mapping, dn, journalId, entry);
            ObjectNode changes = gone ? JsonNodeFactory.instance.objectNode() : afterDeleting(entry, mapping);
            String detail = gone ? ALREADY_GONE : null;
            try {
                journal.complete(journalId, Outcome.SUCCEEDED, row.resourceId(), row.dnNow(), changes, detail);
            } catch (JournalException e) {
                LOG.error("purged {} {} at {}, but its journal entry {} stays PENDING: {}", row.resourceType(),
                        row.resourceId(), row.dnNow(), journalId, e.getMessage());
            }
            claim.commit();
            LOG.info("purged {} {} at {}{}", row.resourceType(), row.resourceId(), row.dnNow(),
                    detail == null ? "" : ": " + detail);
            return true;
        } catch (JournalException | DirectoryException e) {
            LOG.error("{} {} of offboarding record {} stays offboarded, to be purged at the next run: {}",
                    row.resourceType(), row.resourceId(), row.id(), e.getMessage());
            return false;
        }
    }

    /** The journal's account of the deleted entry, with the groups its deletion left empty and refilled. */
    private ObjectNode afterDeleting(Entry entry, ResourceMapping mapping) {
        ChangeRecord record = ChangeRecord.ofDeleted(entry, ChangeRecord.secretAttributesOf(mapping));
        try {
            record.placeholdersAdded(EmptiedGroups.refill(List.copyOf(mappings.values()), directory));
        } catch (DirectoryException e) {
            // The purge stands; a group left without members is refused by the directory until one is added.
            LOG.error("purged {} but could not put the placeholder into groups it emptied: {}", entry.getDN(),
                    e.getMessage());
        }
        return record.json();
    }

    /**
     * Deletes the entry; false when it was gone already. Any other failure is journaled as the purge's outcome and
     * thrown. The delete asserts the account's id where the directory can, so that an entry put at that DN since
     * it was read is never deleted in its place.
     */
    private boolean deleted(DueDeprovision row, ResourceMapping mapping, DN dn, long journalId, Entry entry) {
        Filter sameAccount = directory.supportsAssertions() ? mapping.id().filterFor(row.resourceId()) : null;
        try {
            directory.delete(dn, sameAccount);
            return true;
        } catch (DirectoryException e) {
            if (e.resultCode() == ResultCode.NO_SUCH_OBJECT) {
                return false;
            }
            ObjectNode intended = ChangeRecord.ofDeleted(entry, ChangeRecord.secretAttributesOf(mapping)).json();
            try {
                journal.complete(journalId, e.outcomeUnknown() ? Outcome.UNKNOWN : Outcome.FAILED, null, null, intended,
                        e.getMessage());
            } catch (JournalException journalDown) {
                LOG.error("journal entry {} stays PENDING: {}", journalId, journalDown.getMessage());
            }
            throw e;
        }
    }
}
