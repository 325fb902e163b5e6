package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ldapscim.bridge.journal.DeprovisionRecord;
import org.ldapscim.bridge.journal.DeprovisionRecords;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalException;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the writes whose outcome the journal does not know: a PENDING entry left by a bridge that stopped between
 * its intent and its outcome (killed, crashed, the journal unreachable afterwards), and an UNKNOWN one whose answer
 * never came. Each is compared with the directory, the entry read by DN and by id, against the change its intent
 * recorded: one the directory holds becomes SUCCEEDED (a create with the id found), one it does not hold FAILED, and
 * one it cannot tell about (the entry changed since, only a password changed) UNKNOWN. A PENDING entry of a bridge
 * that is still running is in flight and left alone (see {@link JournalStore#unfinished}).
 */
public final class IntentReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(IntentReconciler.class);
    private static final int BATCH = 200;

    private final Map<String, ResourceMapping> mappings;
    private final DirectoryClient directory;
    private final JournalStore journal;
    private final EntryFinder finder;
    private final DeprovisionRecords records;

    public IntentReconciler(List<ResourceMapping> mappings, DirectoryClient directory, JournalStore journal) {
        this.mappings = mappings.stream().collect(Collectors.toMap(ResourceMapping::name, Function.identity()));
        this.directory = directory;
        this.journal = journal;
        this.finder = new EntryFinder(directory);
        this.records = DeprovisionRecords.of(journal);
    }

    /** What was found for one entry. */
    record Verdict(Outcome outcome, String resourceId, String why) {
    }

    /**
     * Reconciles every unfinished entry and logs one line for each.
     *
     * @return how many entries got an outcome
     */
    public int reconcile() {
        int resolved = 0;
        long after = 0;
        for (List<JournalEntry> batch = journal.unfinished(after, BATCH); !batch.isEmpty();
             batch = journal.unfinished(after, BATCH)) {
            for (JournalEntry entry : batch) {
                after = entry.id();
                if (settle(entry)) {
                    resolved++;
                }
            }
        }
        return resolved;
    }

    private boolean settle(JournalEntry entry) {
        Verdict verdict;
        try {
            verdict = verdict(entry);
        } catch (DirectoryException e) {
            LOG.error("journal entry {} stays {}: the directory could not be read to reconcile it: {}", entry.id(),
                    entry.outcome(), e.getMessage());
            return false;
        }
        String target = entry.resourceType() + " " + (entry.resourceId() != null ? entry.resourceId() : entry.dn());
        if (verdict.outcome() == entry.outcome()) {
            LOG.warn("journal entry {} ({} of {}) stays {}: {}", entry.id(), entry.operation(), target,
                    entry.outcome(), verdict.why());
            return false;
        }
        String detail = "reconciled at start-up: " + verdict.why();
        try {
            if (!journal.resolve(entry.id(), entry.outcome(), verdict.outcome(), verdict.resourceId(), detail)) {
                return false;
            }
        } catch (JournalException e) {
            LOG.error("journal entry {} stays {}: {}", entry.id(), entry.outcome(), e.getMessage());
            return false;
        }
        LOG.info("journal entry {} ({} of {}) was {}, now {}: {}", entry.id(), entry.operation(), target,
                entry.outcome(), verdict.outcome(), verdict.why());
        return true;
    }

    Verdict verdict(JournalEntry entry) {
        ResourceMapping mapping = mappings.get(entry.resourceType());
        if (mapping == null) {
            return cannotTell("no mapping serves resource type " + entry.resourceType() + " any more");
        }
        DN dn = parse(entry.dn());
        return switch (entry.operation()) {
            case CREATE -> created(mapping, dn, entry.changes());
            case DELETE -> deleted(mapping, dn, entry.resourceId());
            case REPLACE, PATCH -> modified(mapping, dn, entry.resourceId(), entry.changes());
            case PURGE -> purged(mapping, dn, entry.resourceId());
            case DEPROVISION, REACTIVATE -> offboardingStep(mapping, entry);
            default -> cannotTell(entry.operation() + " is not reconciled");
        };
    }

    private Verdict created(ResourceMapping mapping, DN dn, JsonNode changes) {
        if (dn == null) {
            return cannotTell("the intent names no entry");
        }
        Entry found = directory.read(dn, mapping.id().attribute());
        if (found == null) {
            return new Verdict(Outcome.FAILED, null, "the directory has no entry " + dn);
        }
        IntendedState intended = IntendedState.of(changes);
        if (!intended.checkable()) {
            return cannotTell("an entry " + dn + " exists, and the intent records no values to compare it with");
        }
        if (!directory.matches(dn, intended.after())) {
            return cannotTell("an entry " + dn + " exists but does not hold the values the create was to write");
        }
        String id = mapping.id().read(found);
        return new Verdict(Outcome.SUCCEEDED, id, "the directory holds the created entry, id " + id);
    }

    private Verdict deleted(ResourceMapping mapping, DN dn, String id) {
        boolean atDn = dn != null && directory.read(dn, "1.1") != null;
        boolean byId = id != null && finder.find(mapping, id, "1.1") != null;
        if (atDn || byId) {
            return new Verdict(Outcome.FAILED, null, "the directory still holds the entry");
        }
        return new Verdict(Outcome.SUCCEEDED, null, "the directory no longer holds the entry");
    }

    private Verdict purged(ResourceMapping mapping, DN dn, String id) {
        Verdict deleted = deleted(mapping, dn, id);
        if (deleted.outcome() == Outcome.SUCCEEDED && dn != null && directory.read(dn, "1.1") == null) {
            // The claim on the record ended with the process; the next purge finds the entry gone and closes it.
            return new Verdict(Outcome.SUCCEEDED, null, "the directory no longer holds the entry; the purger marks"
                    + " its offboarding record PURGED at its next run");
        }
        return deleted.outcome() == Outcome.SUCCEEDED ? deleted
                : new Verdict(Outcome.FAILED, null, "the directory still holds the entry; the purger tries again at"
                        + " its next run");
    }

    /**
     * An offboarding step or its undo. A move tells by where the entry is, and its record is brought in line: a
     * move that landed but was not yet listed is added to the record's steps (an undone one taken off). Other
     * steps record no values in their intent, so they cannot be told apart from a later change.
     */
    private Verdict offboardingStep(ResourceMapping mapping, JournalEntry entry) {
        JsonNode changes = entry.changes();
        String step = changes.path("step").asText("a step");
        long row = changes.path("deprovisionId").asLong(0);
        String check = "compare " + entry.resourceType() + " " + entry.resourceId() + " in the directory with the"
                + " steps offboarding record " + row + " (deprovision_state) lists as applied, and "
                + (entry.operation() == Operation.DEPROVISION ? "offboard" : "reactivate") + " it again if needed";
        DN from = parse(changes.path("dn").path("before").path(0).asText(null));
        DN to = parse(changes.path("dn").path("after").path(0).asText(null));
        String id = entry.resourceId();
        if (from == null || to == null || id == null || row == 0) {
            return cannotTell("the " + step + " step records nothing the directory can confirm; " + check);
        }
        if (holdsAccount(mapping, to, id)) {
            settleRecord(row, entry.operation(), to, changes);
            return new Verdict(Outcome.SUCCEEDED, null, "the entry is at " + to + ", where the " + step
                    + " step was to put it; offboarding record " + row + " lists it so");
        }
        if (holdsAccount(mapping, from, id)) {
            return new Verdict(Outcome.FAILED, null, "the entry is still at " + from + ", so the " + step
                    + " step was not applied");
        }
        return cannotTell("the entry is neither at " + from + " nor at " + to + "; " + check);
    }

    private boolean holdsAccount(ResourceMapping mapping, DN dn, String id) {
        Entry found = directory.read(dn, mapping.id().attribute());
        return found != null && id.equalsIgnoreCase(String.valueOf(mapping.id().read(found)));
    }

    /** Makes the record list a move that is in the directory: added after an offboarding, taken off after an undo. */
    private void settleRecord(long row, Operation operation, DN now, JsonNode changes) {
        DeprovisionRecord record = records.find(row);
        if (record == null || now.equals(parse(record.dnNow()))) {
            return;
        }
        ArrayNode steps = record.steps().deepCopy();
        if (operation == Operation.DEPROVISION) {
            steps.addObject().put("step", "moveTo").put("from", changes.path("dn").path("before").path(0).asText())
                    .put("to", now.toString());
        } else if (!steps.isEmpty() && "moveTo".equals(steps.get(steps.size() - 1).path("step").asText())) {
            steps.remove(steps.size() - 1);
        }
        records.progress(row, now.toString(), steps, record.purgeAfter());
    }

    private Verdict modified(ResourceMapping mapping, DN dn, String id, JsonNode changes) {
        Entry current = id == null ? null : finder.find(mapping, id, "1.1");
        if (current == null) {
            return cannotTell("the entry is gone from the directory");
        }
        DN now = ResourceWrites.parsed(current);
        JsonNode rename = changes.path("dn");
        DN from = parse(rename.path("before").path(0).asText(null));
        DN to = parse(rename.path("after").path(0).asText(null));
        IntendedState intended = IntendedState.of(changes);
        boolean hasModifications = changes.size() > (rename.isMissingNode() ? 0 : 1);
        Boolean modified = !intended.checkable() ? null
                : directory.matches(now, intended.after()) ? Boolean.TRUE
                : directory.matches(now, intended.before()) ? Boolean.FALSE : null;
        if (hasModifications && modified == null) {
            return cannotTell("the entry holds neither its values before the change nor after it");
        }
        boolean applied = !hasModifications || modified;
        if (to == null) {
            return applied ? holds() : lacks();
        }
        if (now.equals(to) && applied) {
            return holds();
        }
        if (now.equals(from) && (!hasModifications || !modified)) {
            return lacks();
        }
        return cannotTell("the entry is now " + now + ", the change was to rename " + from + " to " + to
                + (hasModifications ? " and " + (modified ? "its values are changed" : "its values are not") : ""));
    }

    private static Verdict holds() {
        return new Verdict(Outcome.SUCCEEDED, null, "the directory holds the change");
    }

    private static Verdict lacks() {
        return new Verdict(Outcome.FAILED, null, "the directory does not hold the change");
    }

    private static Verdict cannotTell(String why) {
        return new Verdict(Outcome.UNKNOWN, null, "cannot tell whether the change was applied: " + why);
    }

    private static DN parse(String dn) {
        if (dn == null) {
            return null;
        }
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            return null;
        }
    }
}
