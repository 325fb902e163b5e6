package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ldapscim.bridge.config.DeprovisionConfig.HeldAnswer;
import org.ldapscim.bridge.journal.DeprovisionRecord;
import org.ldapscim.bridge.journal.DeprovisionRecords;
import org.ldapscim.bridge.journal.JournalException;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.DeprovisionPolicies;
import org.ldapscim.bridge.mapping.DeprovisionPolicy;
import org.ldapscim.bridge.mapping.DeprovisionPolicy.Trigger;
import org.ldapscim.bridge.mapping.DeprovisionStep;
import org.ldapscim.bridge.mapping.ScalarMapper;
import org.ldapscim.bridge.scim.ScimException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offboarding of one resource type: DELETE and {@code active=false} run the client's policy instead of a plain
 * delete or flag, past the mass-change brake; {@code active=true} and a returning POST undo it. Every step and
 * every undo is a journal entry of its own, and the account's {@code deprovision_state} row always lists the
 * steps that are applied in the directory, so a failure half-way is either undone or recorded as it stands.
 */
final class Deprovisioning {
    private static final Logger LOG = LoggerFactory.getLogger(Deprovisioning.class);
    /** The brake counts and records under one lock, so that concurrent requests cannot all slip under it. */
    private static final Object BRAKE = new Object();
    private static final int HELD_RETRY_AFTER_SECONDS = 300;

    private final ResourceContext context;
    private final DeprovisionPolicies policies;
    private final DeprovisionRecords records;
    private final Map<String, Map<String, String>> clientPolicies;
    private final DeprovisionSteps steps;
    private final ScalarMapper active;

    Deprovisioning(ResourceContext context, DeprovisionRecords records, Map<String, Map<String, String>> clientPolicies) {
        this.context = context;
        this.policies = context.mapping.deprovision();
        this.records = records;
        this.clientPolicies = clientPolicies;
        this.steps = new DeprovisionSteps(context);
        this.active = context.mapping.mappersOf(context.mapping.coreSchema().urn(), "active").stream()
                .filter(ScalarMapper.class::isInstance).map(ScalarMapper.class::cast).findFirst().orElse(null);
    }

    /** The policy the client's requests follow for this type: its own choice, else the mapping's default. */
    DeprovisionPolicy policyFor(String client) {
        String name = clientPolicies.getOrDefault(client, Map.of()).get(context.mapping.name());
        return policies.named(name != null ? name : policies.defaultPolicy());
    }

    /** A DELETE: true when the client's policy deprovisions (or holds) the entry, so it must not be deleted. */
    boolean deleting(Entry current, String id, RequestContext request) {
        DeprovisionPolicy policy = policyFor(request.client());
        if (policy == null || policy.onDelete().isEmpty()) {
            return false;
        }
        if (offboardedByDelete(id)) {
            // A DELETE sent again (an IdP retrying, or an afterDelete: inactive account deleted twice) is answered
            // as the first was, without running the steps again over what they already did.
            return true;
        }
        deprovision(current, id, policy, Trigger.DELETE, Operation.DELETE, request);
        return true;
    }

    private boolean offboardedByDelete(String id) {
        return guarded(() -> records.applied(context.mapping.name(), id)).stream()
                .anyMatch(record -> Trigger.DELETE.name().equals(record.trigger()));
    }

    /**
     * What a PUT or PATCH that flips {@code active} does before its own changes: run the deactivation policy
     * (its disable step writes the flag, so it records what the flag was), or undo the account's offboardings.
     */
    Prepared beforeWrite(Entry current, EntryChanges changes, Operation operation, String id, RequestContext request) {
        Prepared unchanged = new Prepared(current, changes, false, null);
        if (policies.policies().isEmpty()) {
            return unchanged;
        }
        Boolean was = activeOf(current);
        Boolean will = activeOf(after(current, changes));
        if (was == null || will == null || was.equals(will)) {
            return unchanged;
        }
        EntryChanges rest = changes.without(active.ldapAttribute());
        if (!will) {
            DeprovisionPolicy policy = policyFor(request.client());
            if (policy == null || policy.onDeactivate().isEmpty()) {
                return unchanged;
            }
            DN dn = deprovision(current, id, policy, Trigger.DEACTIVATE, operation, request);
            if (dn == null) {
                // Held: the rest of the request goes through; the answer shows the account as the client asked.
                return new Prepared(current, rest, false, active.write(List.of(BooleanNode.FALSE), current, null));
            }
            return new Prepared(reread(dn, current, changes), rest, true, null);
        }
        if (!policies.reactivateOnActiveTrue()) {
            return unchanged;
        }
        List<DeprovisionRecord> applied = guarded(() -> records.applied(context.mapping.name(), id));
        if (applied.isEmpty()) {
            return unchanged;
        }
        DN dn = reactivate(applied, ResourceWrites.parsed(current), id, request, null);
        return new Prepared(reread(dn, current, changes), rest, true, null);
    }

    /**
     * The changes left for a write after {@link #beforeWrite}, the entry they apply to, whether offboarding steps
     * ran (the request's version precondition was checked before them and no longer applies), and for a held
     * deactivation the {@code active} attribute to answer with.
     */
    record Prepared(Entry current, EntryChanges changes, boolean stepsRan, Attribute answeredActive) {
    }

    /**
     * A POST matching a deprovisioned account by {@code userName} or {@code externalId}, when the mapping says so:
     * the account's offboardings are undone and its id returned, for the POST to become a replace; else null.
     */
    String returning(JsonNode body, RequestContext request) {
        if (!policies.reactivateOnCreate()) {
            return null;
        }
        String userName = policies.userName() == null ? null : DeprovisionPolicies.text(body, "userName");
        String externalId = policies.externalId() == null ? null : DeprovisionPolicies.text(body, "externalId");
        if (userName == null && externalId == null) {
            return null;
        }
        String type = context.mapping.name();
        List<DeprovisionRecord> matches = ownOf(guarded(() -> records.returning(type, userName, externalId)));
        if (matches.isEmpty()) {
            matches = ownOf(guarded(() -> records.heldReturning(type, userName, externalId)));
        }
        return matches.isEmpty() ? null : matches.get(0).resourceId();
    }

    /**
     * The offboarded accounts that were within the base DNs before their offboarding: a client of narrower scope
     * brings back none of another's.
     */
    private List<DeprovisionRecord> ownOf(List<DeprovisionRecord> matches) {
        return matches.stream().filter(row -> row.dnBefore() != null
                && context.mapping.holds(DeprovisionSteps.parse(row.dnBefore()))).toList();
    }

    /**
     * Undoes the offboardings of the account a returning POST matched ({@link #returning}), and drops those still
     * held; run under the account's write lock. False when another request undid them first.
     */
    boolean reactivateReturning(String id, RequestContext request) {
        boolean heldDropped = dropHeld(id, request, "the client created the account again");
        List<DeprovisionRecord> applied = guarded(() -> records.applied(context.mapping.name(), id));
        if (applied.isEmpty()) {
            return heldDropped;
        }
        DN recorded = DeprovisionSteps.parse(applied.get(0).dnNow());
        DN found = locate(id, recorded);
        if (found == null) {
            // Deleted in the directory meanwhile: nothing is left to bring back, and the POST creates the account anew.
            for (DeprovisionRecord row : applied) {
                guarded(() -> records.transition(row.id(), DeprovisionRecord.DEPROVISIONED, DeprovisionRecord.PURGED));
            }
            LOG.warn("{} {} of offboarding record {} is no longer in the directory; a new account is created for it",
                    context.mapping.name(), id, applied.get(0).id());
            return false;
        }
        reactivate(applied, found, id, request, unrecordedMove(recorded, found));
        return true;
    }

    /**
     * The entry of the account a returning POST matched as {@link #reactivateReturning} would leave it, read with
     * {@code attributes} and with the recorded steps undone in memory only: the values they replaced put back, at
     * the DN it was moved from. Null when the entry is nowhere and the POST is to create the account anew.
     */
    Returning asReactivated(String id, String... attributes) {
        List<DeprovisionRecord> applied = guarded(() -> records.applied(context.mapping.name(), id));
        if (applied.isEmpty()) {
            // Its offboardings are only held: the entry is where it was, and stays as it is.
            Entry inPlace = context.finder.find(context.mapping, id, attributes);
            return inPlace == null ? null : new Returning(ResourceWrites.parsed(inPlace), inPlace);
        }
        DN recorded = DeprovisionSteps.parse(applied.get(0).dnNow());
        DN found = locate(id, recorded);
        Entry entry = found == null ? null : context.directory.read(found, attributes);
        if (entry == null) {
            return null;
        }
        ObjectNode unrecordedMove = unrecordedMove(recorded, found);
        Entry reactivated = unrecordedMove == null ? entry : DeprovisionSteps.undone(unrecordedMove, entry);
        for (DeprovisionRecord row : applied) {
            for (int i = row.steps().size() - 1; i >= 0; i--) {
                reactivated = DeprovisionSteps.undone((ObjectNode) row.steps().get(i), reactivated);
            }
        }
        return new Returning(found, reactivated);
    }

    /** A returning account: where its entry is now, and the entry as its reactivation will leave it. */
    record Returning(DN dn, Entry reactivated) {
    }

    /**
     * An offboarding interrupted after its move and before recording it: the record of that move, for it to be
     * undone first; null when the entry is where its record says.
     */
    private ObjectNode unrecordedMove(DN recorded, DN found) {
        if (found.equals(recorded) || !context.mapping.holds(recorded) || context.mapping.holds(found)) {
            return null;
        }
        return JsonNodeFactory.instance.objectNode().put("step", "moveTo").put("from", recorded.toString())
                .put("to", found.toString()).put("unrecorded", true);
    }

    /**
     * Where the entry of an offboarded account is: at the DN its record names when that entry has its id, else
     * found by id under the base DNs and every quarantine of the policies; null when it is nowhere.
     */
    private DN locate(String id, DN recorded) {
        String idAttribute = context.mapping.id().attribute();
        Entry at = context.directory.read(recorded, idAttribute, "objectClass");
        if (at != null && id.equalsIgnoreCase(context.mapping.id().read(at))) {
            return recorded;
        }
        com.unboundid.ldap.sdk.Filter byId = context.mapping.id().filterFor(id);
        if (byId == null) {
            return null;
        }
        com.unboundid.ldap.sdk.Filter filter = com.unboundid.ldap.sdk.Filter.createANDFilter(byId,
                context.mapping.searchFilter());
        Set<DN> bases = new LinkedHashSet<>(context.mapping.baseDns());
        for (DeprovisionPolicy policy : policies.policies().values()) {
            for (Trigger trigger : Trigger.values()) {
                policy.steps(trigger).stream().filter(DeprovisionStep.MoveTo.class::isInstance)
                        .map(step -> ((DeprovisionStep.MoveTo) step).parent()).forEach(bases::add);
            }
        }
        for (DN base : bases) {
            List<com.unboundid.ldap.sdk.SearchResultEntry> found = context.directory.search(base, filter, 2, "1.1");
            if (!found.isEmpty()) {
                return ResourceWrites.parsed(found.get(0));
            }
        }
        return null;
    }

    /**
     * The client asked for the account to be active: an offboarding of it still waiting for an operator is
     * dropped (REJECTED), so that approving it later cannot undo what the IdP decided since.
     */
    void activeAsked(String id, RequestContext request) {
        if (!policies.policies().isEmpty()) {
            dropHeld(id, request, "the client set the account active again");
        }
    }

    /** Whether a value the client sent for {@code active} says true, as a boolean or as Entra's text. */
    static boolean saysTrue(JsonNode value) {
        return value != null && (value.isBoolean() ? value.asBoolean()
                : value.isTextual() && "true".equalsIgnoreCase(value.asText()));
    }

    private boolean dropHeld(String id, RequestContext request, String why) {
        String type = context.mapping.name();
        boolean dropped = false;
        for (DeprovisionRecord held = guarded(() -> records.held(type, id)); held != null;
             held = guarded(() -> records.held(type, id))) {
            long row = held.id();
            if (!guarded(() -> records.transition(row, DeprovisionRecord.HELD, DeprovisionRecord.REJECTED))) {
                continue;
            }
            long journalId = context.journal.begin(request, Operation.REACTIVATE, type, id, held.dnNow());
            ObjectNode record = JsonNodeFactory.instance.objectNode().put("decision", "rejected")
                    .put("deprovisionId", row).put("reason", why + " while this offboarding was held");
            context.journal.succeeded(journalId, id, held.dnNow(), record);
            LOG.info("dropped held offboarding {} of {} {}: {}", row, type, id, why);
            dropped = true;
        }
        return dropped;
    }

    /** Applies a held offboarding an operator approved. */
    void approve(DeprovisionRecord row, RequestContext request) {
        DeprovisionPolicy policy = policies.named(row.policy());
        if (policy == null) {
            throw new ScimException(409, null, "policy " + row.policy() + " is no longer configured for "
                    + context.mapping.name() + "s");
        }
        Entry current = context.require(row.resourceId(), m -> true);
        if (!guarded(() -> records.transition(row.id(), DeprovisionRecord.HELD, DeprovisionRecord.DEPROVISIONED))) {
            throw new ScimException(409, null, "offboarding " + row.id() + " is no longer held");
        }
        run(row.id(), policy.steps(Trigger.valueOf(row.trigger())), ResourceWrites.parsed(current), row.resourceId(),
                request, true);
    }

    /**
     * Runs the policy's steps for the trigger, or holds them past the brake. Returns the entry's DN afterwards, or
     * null when held (answered 503 instead when the brake says so).
     */
    private DN deprovision(Entry current, String id, DeprovisionPolicy policy, Trigger trigger, Operation operation,
                           RequestContext request) {
        String type = context.mapping.name();
        DN dn = ResourceWrites.parsed(current);
        String userName = policies.userNameOf(current);
        String externalId = policies.externalIdOf(current);
        long row;
        synchronized (BRAKE) {
            DeprovisionPolicies.Brake brake = policies.brake();
            if (brake != null && guarded(() -> records.deprovisionedSince(request.client(), type,
                    Instant.now().minus(brake.window()))) >= brake.maxDeprovisions()) {
                hold(id, policy, trigger, operation, request, dn, userName, externalId);
                if (brake.answer() == HeldAnswer.unavailable) {
                    throw ScimException.unavailable("this client has deprovisioned " + brake.maxDeprovisions()
                            + " accounts within " + brake.window().toMinutes() + " minutes; this one waits for an"
                            + " operator's approval", HELD_RETRY_AFTER_SECONDS, null);
                }
                return null;
            }
            row = guarded(() -> records.open(type, id, request.client(), request.requestId(), trigger.name(),
                    policy.name(), DeprovisionRecord.DEPROVISIONED, userName, externalId, dn.toString(), null));
        }
        return run(row, policy.steps(trigger), dn, id, request, false);
    }

    private void hold(String id, DeprovisionPolicy policy, Trigger trigger, Operation operation, RequestContext request,
                      DN dn, String userName, String externalId) {
        String type = context.mapping.name();
        DeprovisionRecord already = guarded(() -> records.held(type, id));
        if (already != null && already.trigger().equals(trigger.name())) {
            // A retry of the same request (an IdP answered 503) waits in the row already there.
            return;
        }
        ObjectNode held = JsonNodeFactory.instance.objectNode().put("operation", operation.name())
                .put("trigger", trigger.name()).put("policy", policy.name()).put("requestId", request.requestId());
        ArrayNode kinds = held.putArray("steps");
        policy.steps(trigger).forEach(step -> kinds.add(step.kind()));
        guarded(() -> records.open(type, id, request.client(), request.requestId(), trigger.name(), policy.name(),
                DeprovisionRecord.HELD, userName, externalId, dn.toString(), held));
        LOG.warn("held {} of {} {} by client {}: over the mass-change brake", trigger, type, id, request.client());
    }

    /**
     * Applies the steps one by one, each journaled and recorded in the row; on a failure undoes them. An approved
     * row whose steps are all undone after a failure goes back to HELD; any other is dropped.
     */
    private DN run(long row, List<DeprovisionStep> toApply, DN dn, String id, RequestContext request, boolean approved) {
        ArrayNode done = JsonNodeFactory.instance.arrayNode();
        DN at = dn;
        Instant now = Instant.now();
        Instant purgeAfter = null;
        for (DeprovisionStep step : toApply) {
            long journalId = context.journal.begin(request, Operation.DEPROVISION, context.mapping.name(), id,
                    at.toString(), intent(step.kind(), row, at, step instanceof DeprovisionStep.MoveTo move
                            ? new DN(at.getRDN(), move.parent()) : null), null);
            DeprovisionSteps.Applied applied;
            try {
                applied = steps.apply(step, at, now);
            } catch (DirectoryException e) {
                ScimException error = step instanceof DeprovisionStep.MoveTo move
                        && e.resultCode() == com.unboundid.ldap.sdk.ResultCode.ENTRY_ALREADY_EXISTS
                        ? ScimException.uniqueness(move.parent() + " already holds an entry named " + at.getRDNString()
                                + ", so this account cannot be moved there; nothing was changed")
                        : DirectoryErrors.translate(e, step.kind() + " of " + context.mapping.name() + " " + id);
                ObjectNode record = JsonNodeFactory.instance.objectNode().put("step", step.kind());
                if (e.outcomeUnknown()) {
                    context.journal.unknown(journalId, record, error);
                } else {
                    context.journal.failed(journalId, record, error);
                }
                rollBack(row, done, at, id, request, approved);
                throw error;
            } catch (EntryMovedException e) {
                context.journal.failed(journalId, JsonNodeFactory.instance.objectNode().put("step", step.kind()),
                        new ScimException(404, null, "the entry moved during the step"));
                rollBack(row, done, at, id, request, approved);
                throw e;
            }
            done.add(applied.record());
            at = applied.dn();
            if (step instanceof DeprovisionStep.PurgeAfter) {
                purgeAfter = Instant.parse(applied.record().get("purgeAfter").asText());
            }
            DN reached = at;
            Instant purge = purgeAfter;
            guarded(() -> {
                records.progress(row, reached.toString(), done, purge);
                return null;
            });
            context.journal.succeeded(journalId, id, at.toString(), applied.record());
            versioned(journalId, at);
        }
        return at;
    }

    /** Undoes applied steps newest first after a failure; the row lists whatever could not be undone. */
    private void rollBack(long row, ArrayNode done, DN at, String id, RequestContext request, boolean approved) {
        try {
            undo(row, done, at, id, request);
            if (approved) {
                records.transition(row, DeprovisionRecord.DEPROVISIONED, DeprovisionRecord.HELD);
            } else {
                records.forget(row);
            }
            LOG.warn("offboarding {} of {} {} failed and was undone", row, context.mapping.name(), id);
        } catch (RuntimeException e) {
            LOG.error("offboarding {} of {} {} failed half-way and undoing it failed too; deprovision_state lists the"
                    + " steps still applied: {}", row, context.mapping.name(), id, e.getMessage());
        }
    }

    /**
     * Undoes the applied offboardings of one resource, newest first; returns the entry's DN afterwards. A move the
     * newest record lacks ({@code unrecordedMove}, or null) is added to it and undone first.
     */
    private DN reactivate(List<DeprovisionRecord> applied, DN dn, String id, RequestContext request,
                          ObjectNode unrecordedMove) {
        DN at = dn;
        for (DeprovisionRecord row : applied) {
            ArrayNode steps = row.steps().deepCopy();
            if (unrecordedMove != null && row == applied.get(0)) {
                steps.add(unrecordedMove);
            }
            at = undo(row.id(), steps, at, id, request);
            guarded(() -> records.transition(row.id(), DeprovisionRecord.DEPROVISIONED, DeprovisionRecord.REACTIVATED));
        }
        return at;
    }

    /**
     * Undoes the recorded steps newest first, each journaled as REACTIVATE, removing each from {@code steps} and
     * from the row as it goes. A directory failure stops it with the rest left applied and recorded, and is
     * answered as the SCIM error it stands for.
     */
    private DN undo(long row, ArrayNode steps, DN dn, String id, RequestContext request) {
        DN at = dn;
        while (!steps.isEmpty()) {
            ObjectNode record = (ObjectNode) steps.get(steps.size() - 1);
            String from = record.path("from").asText(null);
            ObjectNode intended = intent(record.path("step").asText(), row, at,
                    from == null ? null : new DN(at.getRDN(), DeprovisionSteps.parse(from).getParent()));
            intended.set("undoes", record.deepCopy());
            long journalId = context.journal.begin(request, Operation.REACTIVATE, context.mapping.name(), id,
                    at.toString(), intended, null);
            ObjectNode undone = JsonNodeFactory.instance.objectNode().put("step", record.path("step").asText());
            undone.set("undoes", record.deepCopy());
            try {
                at = this.steps.undo(record, at);
            } catch (DirectoryException e) {
                ScimException error = DirectoryErrors.translate(e, "undoing " + record.path("step").asText() + " of "
                        + context.mapping.name() + " " + id);
                context.journal.failed(journalId, undone, error);
                throw error;
            }
            steps.remove(steps.size() - 1);
            DN now = at;
            guarded(() -> {
                records.progress(row, now.toString(), steps, null);
                return null;
            });
            context.journal.succeeded(journalId, id, at.toString(), undone);
            versioned(journalId, at);
        }
        return at;
    }

    /**
     * What a step's journal entry says before the step runs, so that the entry of a bridge killed during it can be
     * settled later: the step, its offboarding record, and for a move the DNs before and after, shaped as a rename.
     */
    private static ObjectNode intent(String step, long row, DN at, DN movedTo) {
        ObjectNode intended = JsonNodeFactory.instance.objectNode().put("step", step).put("deprovisionId", row);
        if (movedTo != null) {
            ObjectNode dn = intended.putObject("dn");
            dn.putArray("before").add(at.toString());
            dn.putArray("after").add(movedTo.toString());
        }
        return intended;
    }

    /**
     * Records the version a step left the entry with, read back where the step left it, so that the directory
     * watcher knows the change for the bridge's own. Best effort, as for every write: without it the watcher
     * journals the step once more, as seen in the directory.
     */
    private void versioned(long journalId, DN dn) {
        try {
            Entry entry = context.directory.read(dn, context.mapping.meta().version().toArray(String[]::new));
            if (entry != null) {
                context.journal.versioned(journalId, context.mapping.version(entry));
            }
        } catch (DirectoryException e) {
            LOG.warn("journal entry {} has no entry version; the directory watcher may journal it again: {}",
                    journalId, e.getMessage());
        }
    }

    private Boolean activeOf(Entry entry) {
        if (active == null || entry == null) {
            return null;
        }
        List<JsonNode> values = active.read(entry, null);
        return values.isEmpty() ? null : values.get(0).asBoolean();
    }

    private static Entry after(Entry current, EntryChanges changes) {
        if (changes.modifications.isEmpty()) {
            return current;
        }
        try {
            return Entry.applyModifications(current, true, changes.modifications);
        } catch (LDAPException e) {
            return null;
        }
    }

    /** The entry at its DN after the steps, with what the request had read of it and what it is about to write. */
    private Entry reread(DN dn, Entry current, EntryChanges changes) {
        Set<String> attributes = new LinkedHashSet<>();
        current.getAttributes().forEach(a -> attributes.add(a.getName()));
        changes.modifications.stream().map(Modification::getAttributeName).forEach(attributes::add);
        for (AttributeMapper mapper : context.mapping.mappers()) {
            if (mapper.writtenAttribute() != null && mapper instanceof ScalarMapper) {
                attributes.add(mapper.writtenAttribute());
            }
        }
        attributes.add("objectClass");
        Entry entry = context.directory.read(dn, attributes.toArray(String[]::new));
        if (entry == null) {
            throw new EntryMovedException(null);
        }
        return entry;
    }

    /** The offboarding records live in the journal's database: when it is down, nothing is changed (503). */
    private static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (JournalException e) {
            LOG.error("offboarding records unavailable: {}", e.getMessage());
            throw ScimException.unavailable("the change journal is unavailable", 30, e);
        }
    }
}
