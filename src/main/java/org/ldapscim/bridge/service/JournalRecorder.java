package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalException;
import org.ldapscim.bridge.journal.JournalIntent;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.scim.ScimException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the journal around each directory write: an intent before it, the outcome after it. No write
 * goes untracked: if the intent cannot be recorded the write is not attempted (503); if the outcome cannot
 * be recorded the change stands in the directory, the journal keeps it as PENDING, and the client gets 503.
 */
final class JournalRecorder {
    /** How far back {@link #dnsOf} looks. */
    private static final int HISTORY = 100;
    private static final Logger LOG = LoggerFactory.getLogger(JournalRecorder.class);

    private final JournalStore store;

    JournalRecorder(JournalStore store) {
        this.store = store;
    }

    long begin(RequestContext request, Operation operation, String resourceType, String resourceId, String dn) {
        return begin(request, operation, resourceType, resourceId, dn, null, null);
    }

    /**
     * Records the intent with the change it means to make ({@code intended}, shaped as the entry's changes), so
     * that the directory can tell afterwards whether it was applied; {@code bodyHash} identifies a create.
     */
    long begin(RequestContext request, Operation operation, String resourceType, String resourceId, String dn,
               ObjectNode intended, String bodyHash) {
        requireRecordable(dn);
        try {
            return store.begin(new JournalIntent(request.requestId(), request.client(), request.profile().name(),
                    operation, resourceType, resourceId, dn, intended, bodyHash,
                    operation == Operation.CREATE ? request.clientRequestId() : null));
        } catch (JournalException e) {
            LOG.error("journal unavailable, refusing {} of {} {}: {}", operation, resourceType, resourceId, e.getMessage());
            throw ScimException.unavailable("the change journal is unavailable; nothing was changed", 30, e);
        }
    }

    /**
     * Refuses, before anything is written, a write whose entry would have a DN longer than the journal records:
     * otherwise the directory would change and its journal entry could not say where.
     */
    void requireRecordable(String dn) {
        if (dn != null && dn.codePointCount(0, dn.length()) > JournalIntent.MAX_DN_LENGTH) {
            throw ScimException.invalidValue("the entry's name would be longer than the " + JournalIntent.MAX_DN_LENGTH
                    + " characters the change journal records; choose a shorter name");
        }
    }

    void succeeded(long entryId, String resourceId, String dn, ObjectNode changes) {
        succeeded(entryId, resourceId, dn, changes, null);
    }

    /**
     * As {@link #succeeded(long, String, String, ObjectNode)}, with the version the write left the entry with in the
     * same statement, as {@link #versioned} records it: one journal write fewer per change.
     */
    void succeeded(long entryId, String resourceId, String dn, ObjectNode changes, String entryVersion) {
        try {
            store.complete(entryId, Outcome.SUCCEEDED, resourceId, dn, changes, null, entryVersion);
        } catch (JournalException e) {
            LOG.error("journal entry {} stays PENDING: the directory change was applied but its outcome could not"
                    + " be recorded: {}", entryId, e.getMessage());
            throw ScimException.unavailable("the change was applied but could not be recorded in the journal", 30, e);
        }
    }

    /**
     * Records the version the write left the entry with, so that the directory watcher knows the change for the
     * bridge's own. Best effort: the write stands and is journaled either way; without its version the watcher
     * journals the change once more, as seen in the directory.
     */
    void versioned(long entryId, String entryVersion) {
        try {
            store.recordVersion(entryId, entryVersion);
        } catch (JournalException e) {
            LOG.warn("journal entry {} has no entry version; the directory watcher may journal it again: {}", entryId,
                    e.getMessage());
        }
    }

    /** The deletions of this type journaled at or after {@code since}, for tombstones; see {@link Tombstones}. */
    java.util.List<org.ldapscim.bridge.journal.JournalEntry> deletionsSince(String resourceType, java.time.Instant since,
                                                                          int limit) {
        try {
            return store.deletionsSince(resourceType, since, limit);
        } catch (JournalException e) {
            throw ScimException.unavailable("the change journal is unavailable; deletions cannot be listed", 30, e);
        }
    }

    /** The DNs the journal has recorded for one resource, newest first; for telling where a deleted entry was. */
    java.util.List<String> dnsOf(String resourceId) {
        try {
            return store.find(new org.ldapscim.bridge.journal.JournalQuery(HISTORY, resourceId)).stream()
                    .map(org.ldapscim.bridge.journal.JournalEntry::dn).filter(java.util.Objects::nonNull).toList();
        } catch (JournalException e) {
            throw ScimException.unavailable("the change journal is unavailable; deletions cannot be listed", 30, e);
        }
    }

    void failed(long entryId, ObjectNode changes, ScimException reason) {
        complete(entryId, Outcome.FAILED, changes, reason, "the directory refused the change");
    }

    /** The write was sent but its answer never came: the directory may or may not have applied it. */
    void unknown(long entryId, ObjectNode changes, ScimException reason) {
        complete(entryId, Outcome.UNKNOWN, changes, reason, "the write's outcome is unknown");
    }

    /** The earlier create with the client request id of this one, or null. */
    JournalEntry createWithRequestId(RequestContext request, String resourceType) {
        return lookingUp(resourceType, () -> store.createWithRequestId(request.client(), resourceType,
                request.clientRequestId()));
    }

    /** The earlier create of this client with the same body, or null. */
    JournalEntry createWithBody(RequestContext request, String resourceType, String bodyHash) {
        return lookingUp(resourceType, () -> store.createWithBody(request.client(), resourceType, bodyHash));
    }

    private static JournalEntry lookingUp(String resourceType, Supplier<JournalEntry> lookup) {
        try {
            return lookup.get();
        } catch (JournalException e) {
            LOG.error("journal unavailable, refusing a create of {}: {}", resourceType, e.getMessage());
            throw ScimException.unavailable("the change journal is unavailable; nothing was changed", 30, e);
        }
    }

    /** An UNKNOWN create whose entry a repetition of it found in the directory. */
    void foundByRepetition(long entryId, String resourceId) {
        try {
            store.resolve(entryId, Outcome.UNKNOWN, Outcome.SUCCEEDED, resourceId,
                    "a repetition of the create found the entry in the directory");
        } catch (JournalException e) {
            LOG.error("journal entry {} stays UNKNOWN, though its entry is in the directory: {}", entryId,
                    e.getMessage());
        }
    }

    private void complete(long entryId, Outcome outcome, ObjectNode changes, ScimException reason, String what) {
        try {
            store.complete(entryId, outcome, null, null, changes, reason.status() + " " + reason.detail());
        } catch (JournalException e) {
            LOG.error("journal entry {} stays PENDING; {}: {}", entryId, what, e.getMessage());
        }
    }
}
