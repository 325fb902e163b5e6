package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.function.Predicate;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A create that an IdP sends again because the first answer never reached it is answered with the resource the
 * first one made, instead of a second entry. Within the retry window, the journal finds the first create of the
 * same client and resource type by
 * <ul>
 * <li>the client's request id: the same request, answered 201 with the resource whatever its first answer was;
 * <li>the body's fingerprint, when the first create's outcome is UNKNOWN or PENDING: the client was answered 503
 *     or nothing, and the entry the directory added after all is its answer. A body repeated after a create that
 *     was answered 201 is a second create of the same resource, 409 naming the first (the IdPs' own conformance
 *     tests send it to see that 409).
 * </ul>
 * The directory then says whether the first create's entry is there.
 */
final class RepeatedCreates {
    private static final Logger LOG = LoggerFactory.getLogger(RepeatedCreates.class);

    private final ResourceContext context;

    RepeatedCreates(ResourceContext context) {
        this.context = context;
    }

    /** The resource the create this one repeats made, or null when there is none to answer with. */
    ObjectNode earlier(String fingerprint, RequestContext request, Predicate<AttributeMapper> shown,
                       DirectoryReferences references) {
        ResourceMapping mapping = context.mapping;
        JournalEntry first = context.journal.createWithRequestId(request, mapping.name());
        if (first == null) {
            first = context.journal.createWithBody(request, mapping.name(), fingerprint);
            if (first != null && first.outcome() == Outcome.SUCCEEDED) {
                return null;
            }
        }
        if (first == null) {
            return null;
        }
        DN dn = entryOf(first);
        if (dn == null) {
            return null;
        }
        Entry entry = context.reread(dn, first.resourceId(), shown);
        ObjectNode resource = mapping.toScim(entry, shown, references);
        String id = resource.path("id").asText(null);
        if (first.outcome() == Outcome.UNKNOWN) {
            context.journal.foundByRepetition(first.id(), id);
        }
        LOG.info("create of {} by {} repeats journal entry {} ({}): answering {} {}", mapping.name(), request.client(),
                first.id(), first.outcome(), mapping.name(), id);
        return resource;
    }

    /** Where the first create's entry is now: by id once known, else at the DN it was to have. */
    private DN entryOf(JournalEntry first) {
        if (first.resourceId() != null) {
            Entry found = context.finder.find(context.mapping, first.resourceId(), "1.1");
            return found == null ? null : ResourceWrites.parsed(found);
        }
        if (first.dn() == null) {
            return null;
        }
        try {
            DN dn = new DN(first.dn());
            return !context.mapping.holds(dn) || context.directory.read(dn, "1.1") == null ? null : dn;
        } catch (LDAPException e) {
            return null;
        }
    }
}
