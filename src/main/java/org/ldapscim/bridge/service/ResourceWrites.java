package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.scim2.common.types.AttributeDefinition.Uniqueness;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.mapping.ScalarMapper;
import org.ldapscim.bridge.mapping.ScimDocument;
import org.ldapscim.bridge.scim.ScimException;

/** Creating, replacing and deleting resources (RFC 7644 §3.3, §3.5.1, §3.6), each journaled. */
final class ResourceWrites {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResourceWrites.class);
    private static final int MAX_ATTEMPTS = 3;
    private final ResourceContext context;
    private final ResourceLocks locks;
    private final NewEntryNaming naming;
    private final RepeatedCreates repeats;
    private final Deprovisioning deprovisioning;

    ResourceWrites(ResourceContext context, ResourceLocks locks, Deprovisioning deprovisioning) {
        this.context = context;
        this.locks = locks;
        this.naming = new NewEntryNaming(context.mapping, context.directory);
        this.repeats = new RepeatedCreates(context);
        this.deprovisioning = deprovisioning;
    }

    /**
     * A POST: a returning account's reactivation, or a new entry. A returning account that moves or vanishes under
     * the reactivation (a DELETE of it just before, an administrator) is looked for again: a POST never answers
     * that the resource does not exist.
     */
    ObjectNode create(JsonNode sent, Predicate<AttributeMapper> shown, RequestContext request) {
        ResourceMapping mapping = context.mapping;
        JsonNode body = request.profile().resource(sent, mapping.coreSchema(), mapping.extensions());
        ResourceBodies.check(body, mapping);
        for (int attempt = 1; ; attempt++) {
            try {
                ObjectNode returned = returned(body, sent, shown, request);
                if (returned != null) {
                    return returned;
                }
                break;
            } catch (EntryMovedException moved) {
                if (attempt == MAX_ATTEMPTS) {
                    throw ScimException.unavailable("the returning account keeps changing under this request; retry",
                            1, moved);
                }
            } catch (ScimException e) {
                if (e.status() != 404) {
                    throw e;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw ScimException.unavailable("the returning account keeps changing under this request; retry",
                            1, e);
                }
            }
        }
        return created(body, shown, request);
    }

    /** The returning account the POST matches, reactivated and replaced by the POST's body; null when none. */
    private ObjectNode returned(JsonNode body, JsonNode sent, Predicate<AttributeMapper> shown, RequestContext request) {
        String returning = deprovisioning.returning(body, request);
        if (returning == null) {
            return null;
        }
        // The returning account is written to like any other: under its lock, so that a PATCH, a DELETE or
        // another returning POST at the same moment comes before or after the whole reactivation.
        return locks.holding(context.mapping.name(), returning, () -> {
            requireReplaceable(returning, body, request);
            return deprovisioning.reactivateReturning(returning, request) ? replace(returning, sent, shown, request)
                    : null;
        });
    }

    /**
     * Judges the replace a returning POST becomes before the first offboarding step is undone, against the account
     * as the undoing will leave it, as a PUT of it would be: a value resent unchanged is no change, so a client may
     * bring back an account whose other attributes it may not write. A POST the bridge refuses (an attribute the
     * client may not change, a reference to nothing, a value taken) leaves the account offboarded as it was, with a
     * FAILED journal entry saying why.
     */
    private void requireReplaceable(String id, JsonNode body, RequestContext request) {
        Deprovisioning.Returning returning = deprovisioning.asReactivated(id, context.readAttributes(m -> true));
        if (returning == null) {
            return;
        }
        try {
            EntryChanges changes = changesTo(id, returning.reactivated(), body, context.references(request));
            context.writable.requireChangeable(changes, List.of());
        } catch (ScimException refused) {
            if (refused.status() < 500) {
                long journalId = context.journal.begin(request, Operation.CREATE, context.mapping.name(), id,
                        returning.dn().toString());
                context.journal.failed(journalId, JsonNodeFactory.instance.objectNode()
                        .put("reactivation", "refused"), refused);
            }
            throw refused;
        }
    }

    private ObjectNode created(JsonNode body, Predicate<AttributeMapper> shown, RequestContext request) {
        ResourceMapping mapping = context.mapping;
        context.writable.requireCreatable(body);
        DirectoryReferences references = context.references(request);
        String fingerprint = CreateFingerprint.of(body, mapping);
        // Two creates of the same resource, or of one unique value, or of one derived name, run one after the
        // other: the second then finds the first's entry (a repetition answered with it, or a 409 naming it).
        List<String> keys = new ArrayList<>(uniqueValues(body));
        keys.add(fingerprint);
        String contended = naming.contendedName(body);
        if (contended != null) {
            keys.add(contended);
        }
        return locks.holdingAll("new " + mapping.name(), keys, () -> {
            ObjectNode earlier = repeats.earlier(fingerprint, request, shown, references);
            if (earlier != null) {
                return earlier;
            }
            requireUnique(body, null);
            return add(body, shown, request, references, fingerprint);
        });
    }

    private ObjectNode add(JsonNode body, Predicate<AttributeMapper> shown, RequestContext request,
                           DirectoryReferences references, String fingerprint) {
        ResourceMapping mapping = context.mapping;
        DN parent = naming.parentFor(body);
        if (!mapping.holds(parent)) {
            throw ScimException.forbidden("the placement rule puts this " + mapping.name()
                    + " outside the base DNs this client may write to");
        }
        Entry entry = mapping.newEntry(body, parent, naming.derivedNames(body), references);
        ChangeRecord record = ChangeRecord.ofCreated(entry, context.secretAttributes);
        long journalId = context.journal.begin(request, Operation.CREATE, mapping.name(), null, entry.getDN(),
                record.json(), fingerprint);
        try {
            context.directory.add(entry);
        } catch (DirectoryException e) {
            throw failed(journalId, record, e, "creating " + mapping.name(),
                    () -> nameTaken(parsed(entry), path -> mapping.firstText(body, path)));
        }
        Entry created;
        ObjectNode resource;
        try {
            created = context.reread(parsed(entry), null, shown);
            resource = mapping.toScim(created, shown, references);
        } catch (RuntimeException e) {
            // The entry exists whatever its read-back met; the journal says so before the client hears why.
            context.journal.succeeded(journalId, null, null, record.json());
            throw e;
        }
        context.journal.succeeded(journalId, resource.get("id").asText(), created.getDN(), record.json(),
                mapping.version(created));
        return resource;
    }

    ObjectNode replace(String id, JsonNode sent, Predicate<AttributeMapper> shown, RequestContext request) {
        ResourceMapping mapping = context.mapping;
        JsonNode body = request.profile().resource(sent, mapping.coreSchema(), mapping.extensions());
        ResourceBodies.check(body, mapping);
        SearchResultEntry current = context.require(id, m -> true);
        DirectoryReferences references = context.references(request);
        EntryChanges changes = changesTo(id, current, body, references);
        Entry after = apply(current, changes, List.of(), Operation.REPLACE, id, shown, request,
                Deprovisioning.saysTrue(body.get("active")));
        return mapping.toScim(after, shown, references);
    }

    /** What replacing the entry with the body changes; 409 for a value another resource holds, 400 for a bad one. */
    private EntryChanges changesTo(String id, Entry current, JsonNode body, DirectoryReferences references) {
        requireUnique(body, id);
        Map<String, Attribute> desired = context.mapping.desiredAttributes(body, current, references);
        UnshownMembers.keep(desired, current, context, references);
        return EntryChanges.between(current, desired);
    }

    void delete(String id, RequestContext request) {
        ResourceMapping mapping = context.mapping;
        SearchResultEntry current = context.require(id, m -> true);
        Filter assertion = preconditionsHold(current, request);
        if (deprovisioning.deleting(current, id, request)) {
            return;
        }
        ChangeRecord record = ChangeRecord.ofDeleted(current, context.secretAttributes);
        long journalId = context.journal.begin(request, Operation.DELETE, mapping.name(), id, current.getDN(),
                record.json(), null);
        try {
            context.directory.delete(parsed(current), assertion);
        } catch (DirectoryException e) {
            throw failedOnEntry(journalId, record, e, "deleting " + mapping.name() + " " + id, null);
        }
        context.cache.forget(parsed(current));
        try {
            record.placeholdersAdded(EmptiedGroups.refill(context.allMappings, context.directory));
        } catch (DirectoryException e) {
            // The delete stands; a group left without members is refused by the directory until one is added.
            LOG.error("deleted {} but could not put the placeholder into groups it emptied: {}", current.getDN(),
                    e.getMessage());
        }
        context.journal.succeeded(journalId, id, current.getDN(), record.json());
    }

    /**
     * Renames if needed, then applies attribute and member modifications in one modify request, so the
     * directory takes all of them or none. Returns the entry as it is afterwards, read with the attributes of
     * the {@code shown} mappers. {@code activeAsked}: the request sets {@code active} true, which, once its
     * preconditions hold, drops a held offboarding of the account ({@link Deprovisioning#activeAsked}).
     */
    Entry apply(Entry current, EntryChanges changes, List<Modification> memberChanges, Operation operation,
                String id, Predicate<AttributeMapper> shown, RequestContext request, boolean activeAsked) {
        context.writable.requireChangeable(changes, memberChanges);
        Filter assertion = preconditionsHold(current, request);
        if (activeAsked) {
            deprovisioning.activeAsked(id, request);
        }
        Deprovisioning.Prepared prepared = deprovisioning.beforeWrite(current, changes, operation, id, request);
        Entry after = write(prepared.current(), prepared.changes(), memberChanges, operation, id, shown, request,
                prepared.stepsRan() ? null : assertion);
        if (prepared.answeredActive() != null) {
            after = after.duplicate();
            after.setAttribute(prepared.answeredActive());
        }
        return after;
    }

    private Entry write(Entry current, EntryChanges changes, List<Modification> memberChanges, Operation operation,
                        String id, Predicate<AttributeMapper> shown, RequestContext request, Filter assertion) {
        if (changes.isEmpty() && memberChanges.isEmpty()) {
            return context.reread(parsed(current), id, shown);
        }
        List<Modification> all = new ArrayList<>(changes.modifications);
        all.addAll(memberChanges);
        ChangeRecord record = ChangeRecord.ofModifications(current, all, context.secretAttributes);
        DN dn = parsed(current);
        context.journal.requireRecordable(changes.dnAfter(dn).toString());
        long journalId = context.journal.begin(request, operation, context.mapping.name(), id, current.getDN(),
                intended(record, dn, changes.dnAfter(dn)), null);
        DN target = dn;
        Entry written = null;
        try {
            if (changes.newRdn != null) {
                target = context.directory.rename(dn, changes.newRdn, assertion);
                // The rename moved the version on; the modify below is to the entry this request just renamed.
                assertion = null;
                record.renamed(dn.toString(), target.toString());
                context.cache.forget(dn);
            }
            if (!all.isEmpty()) {
                try {
                    written = modify(current, target, all, memberChanges, assertion, record,
                            context.readAttributes(shown));
                } catch (DirectoryException e) {
                    if (!target.equals(dn)) {
                        undoRename(target, dn);
                    }
                    throw e;
                }
            }
        } catch (DirectoryException e) {
            DN wanted = changes.dnAfter(dn);
            throw failedOnEntry(journalId, record, e, operation + " of " + context.mapping.name() + " " + id,
                    () -> nameTaken(wanted, path -> null));
        }
        context.cache.forget(target);
        Entry after;
        try {
            after = written != null ? written : context.reread(target, id, shown);
        } catch (RuntimeException e) {
            // The change stands whatever its read-back met; the journal says so before the client hears why.
            context.journal.succeeded(journalId, id, target.toString(), record.json());
            throw e;
        }
        context.journal.succeeded(journalId, id, target.toString(), record.json(), context.mapping.version(after));
        return after;
    }

    /** The modifications, and the rename when there is one, as the intent records them before either is sent. */
    private static ObjectNode intended(ChangeRecord record, DN from, DN to) {
        ObjectNode intent = record.json().deepCopy();
        if (!to.equals(from)) {
            ObjectNode rename = intent.putObject("dn");
            rename.putArray("before").add(from.toString());
            rename.putArray("after").add(to.toString());
        }
        return intent;
    }

    /** The modify; answers the entry it left where the directory returned it with the write, else null. */
    private Entry modify(Entry current, DN target, List<Modification> all, List<Modification> memberChanges,
                         Filter assertion, ChangeRecord record, String[] readBack) {
        try {
            return context.directory.modifyAndRead(target, all, !memberChanges.isEmpty(), assertion, readBack);
        } catch (DirectoryException e) {
            Modification placeholder = e.resultCode() == ResultCode.OBJECT_CLASS_VIOLATION
                    ? MemberChanges.placeholderFor(memberChanges, context.mapping.placeholderMember()) : null;
            if (placeholder == null) {
                throw e;
            }
            // The deletes took the group's last member: the same change again, keeping the placeholder in.
            all.add(0, placeholder);
            record.take(current, placeholder);
            return context.directory.modifyAndRead(target, all, true, assertion, readBack);
        }
    }

    /**
     * A rename and a modify are two LDAP operations; when the modify is refused (a password AD's policy rejects
     * in the same PUT as a new display name), the entry gets its old name back, so the request changes nothing.
     */
    private void undoRename(DN renamed, DN original) {
        try {
            context.directory.rename(renamed, original.getRDN(), null);
            context.cache.forget(renamed);
        } catch (DirectoryException e) {
            LOG.error("the modify after renaming {} to {} failed, and so did renaming it back: {}", original, renamed,
                    e.getMessage());
        }
    }

    /**
     * 412 unless the request's If-Match / If-None-Match hold for the entry as read (RFC 7644 §3.14). Returns
     * the assertion that keeps them holding until the write lands, or null for an unconditional request: a
     * writer elsewhere that changes the entry after this read makes the directory refuse the write (122).
     */
    private Filter preconditionsHold(Entry current, RequestContext request) {
        Preconditions preconditions = request.preconditions();
        if (!preconditions.any()) {
            return null;
        }
        preconditions.requireForWrite(context.mapping.version(current));
        return context.mapping.versionAssertion(current);
    }

    /**
     * RFC 7643 §2.1 uniqueness "server": no other resource of this type may hold the value anywhere in the
     * mapping's base DNs, those a client's scopes leave out included. The 409 names the holder only when it lies
     * within the client's base DNs; of one outside them the client learns no more than that the value is taken.
     *
     * @param ownId the id of the resource written, whose own values do not clash; null for a new one
     */
    void requireUnique(JsonNode resource, String ownId) {
        ResourceMapping mapping = context.mapping;
        for (AttributeMapper mapper : mapping.mappers()) {
            if (mapper.definition().getUniqueness() != Uniqueness.SERVER || !(mapper instanceof ScalarMapper scalar)) {
                continue;
            }
            for (JsonNode value : ScimDocument.values(resource, mapper.path(), mapping.coreSchema().urn(), false)) {
                Filter filter = Filter.createANDFilter(
                        Filter.createEqualityFilter(scalar.ldapAttribute(), value.asText()), mapping.searchFilter());
                for (DN base : context.uniquenessBaseDns) {
                    try {
                        for (SearchResultEntry holder : context.directory.search(base, filter, 2,
                                mapping.id().attribute())) {
                            String holderId = mapping.id().read(holder);
                            if (ownId == null || !ownId.equalsIgnoreCase(holderId)) {
                                throw ScimException.uniqueness(mapper.path() + " '" + value.asText()
                                        + "' is already taken"
                                        + (mapping.holds(holder.getParsedDN()) ? by(holderId) : ""));
                            }
                        }
                    } catch (LDAPException e) {
                        throw ScimException.internal("entry with an invalid DN", e);
                    } catch (DirectoryException e) {
                        throw DirectoryErrors.translate(e, "checking uniqueness");
                    }
                }
            }
        }
    }

    /** The values of the resource's attributes that no other resource may hold, as the locks of a create. */
    private List<String> uniqueValues(JsonNode resource) {
        ResourceMapping mapping = context.mapping;
        List<String> values = new ArrayList<>();
        for (AttributeMapper mapper : mapping.mappers()) {
            if (mapper.definition().getUniqueness() == Uniqueness.SERVER && mapper instanceof ScalarMapper) {
                for (JsonNode value : ScimDocument.values(resource, mapper.path(), mapping.coreSchema().urn(), false)) {
                    values.add(mapper.path() + "=" + value.asText().toLowerCase(Locale.ROOT));
                }
            }
        }
        return values;
    }

    /** " by User {id}", naming the resource that holds a value, so the client can find it; empty without an id. */
    private String by(String holderId) {
        return holderId == null ? "" : " by " + context.mapping.name() + " " + holderId;
    }

    /**
     * {@link #failed} for a write to an entry that was just read: "no such object" then means another writer
     * renamed or deleted it meanwhile, and the use case runs again from its read.
     */
    private ScimException failedOnEntry(long journalId, ChangeRecord record, DirectoryException e, String what,
                                        Supplier<ScimException> nameTaken) {
        ScimException error = failed(journalId, record, e, what, nameTaken);
        if (e.resultCode() == com.unboundid.ldap.sdk.ResultCode.NO_SUCH_OBJECT) {
            throw new EntryMovedException(e);
        }
        return error;
    }

    private ScimException failed(long journalId, ChangeRecord record, DirectoryException e, String what,
                                 Supplier<ScimException> nameTaken) {
        ScimException error = nameTaken != null && e.resultCode() == ResultCode.ENTRY_ALREADY_EXISTS ? nameTaken.get()
                : DirectoryErrors.translate(e, what);
        if (e.outcomeUnknown()) {
            context.journal.unknown(journalId, record.json(), error);
        } else {
            context.journal.failed(journalId, record.json(), error);
        }
        return error;
    }

    /**
     * 409 uniqueness naming the RDN that collided and the SCIM attributes it is made of: with AD's
     * {@code CN={displayName}} two people of the same name collide, and the client needs to know why.
     */
    private ScimException nameTaken(DN dn, Function<String, String> lookup) {
        List<String> sources = context.mapping.rdn().sources(lookup);
        return ScimException.uniqueness(dn.getRDNString() + " already exists under " + dn.getParentString()
                + ": the entry's name comes from " + String.join(" or ", sources) + holderOf(dn));
    }

    /** "; it is User {id}" when the entry holding the name is one of this type's resources. */
    private String holderOf(DN dn) {
        try {
            Entry holder = context.directory.read(dn, context.mapping.id().attribute(), "objectClass");
            if (holder == null || !context.mapping.holds(dn) || !context.mapping.searchFilter().matchesEntry(holder)) {
                return "";
            }
            String id = context.mapping.id().read(holder);
            return id == null ? "" : "; it is " + context.mapping.name() + " " + id;
        } catch (DirectoryException | LDAPException e) {
            return "";
        }
    }

    static DN parsed(Entry entry) {
        try {
            return entry.getParsedDN();
        } catch (LDAPException e) {
            throw ScimException.internal("entry with an invalid DN", e);
        }
    }
}
