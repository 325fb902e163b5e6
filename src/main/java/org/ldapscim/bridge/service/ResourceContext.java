package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.ScimException;

/**
 * What the use cases of one resource type share: its mapping, the directory, the journal, the cache. For a client
 * with scopes the mappings are narrowed to its base DNs ({@link ResourceMapping#narrowedTo}), so every search,
 * lookup and reference made through this context stays within them; the journal, cache and locks are the ones
 * every client shares.
 */
final class ResourceContext {
    final ResourceMapping mapping;
    final List<ResourceMapping> allMappings;
    final DirectoryClient directory;
    final JournalRecorder journal;
    final ReferenceCache cache;
    final EntryFinder finder;
    final Set<String> secretAttributes;
    final WritableAttributes writable;
    /** Whether the mappings are narrowed to a client's base DNs. */
    final boolean narrowed;
    /**
     * The base DNs of the mapping before any narrowing: uniqueness "server" holds across all of them whichever
     * client writes, and the probe there says only whether a value is taken.
     */
    final List<DN> uniquenessBaseDns;

    ResourceContext(ResourceMapping mapping, List<ResourceMapping> allMappings, DirectoryClient directory,
                    JournalRecorder journal, ReferenceCache cache, WritableAttributes writable, boolean narrowed,
                    List<DN> uniquenessBaseDns) {
        this.mapping = mapping;
        this.allMappings = allMappings;
        this.directory = directory;
        this.journal = journal;
        this.cache = cache;
        this.finder = new EntryFinder(directory);
        this.secretAttributes = ChangeRecord.secretAttributesOf(mapping);
        this.writable = writable;
        this.narrowed = narrowed;
        this.uniquenessBaseDns = List.copyOf(uniquenessBaseDns);
    }

    DirectoryReferences references(RequestContext request) {
        return new DirectoryReferences(allMappings, directory, cache, request.baseUrl());
    }

    /** The entry with this id read with the attributes the chosen mappers need; 404 when there is none. */
    SearchResultEntry require(String id, Predicate<AttributeMapper> chosen) {
        try {
            SearchResultEntry entry = finder.find(mapping, id, readAttributes(chosen));
            if (entry == null) {
                throw ScimException.notFound(mapping.name(), id);
            }
            return entry;
        } catch (DirectoryException e) {
            throw DirectoryErrors.translate(e, "reading " + mapping.name() + " " + id);
        }
    }

    /**
     * Re-reads an entry after a write with the attributes the response shows: by DN, and by id when another writer
     * renamed it meanwhile. 404 when it was deleted meanwhile; the write itself stands and is journaled.
     */
    Entry reread(DN dn, String id, Predicate<AttributeMapper> shown) {
        String[] attributes = readAttributes(shown);
        Entry entry = directory.read(dn, attributes);
        if (entry == null && id != null) {
            entry = finder.find(mapping, id, attributes);
        }
        if (entry == null) {
            throw new ScimException(404, null, "the resource was deleted by another request right after this change");
        }
        return entry;
    }

    /**
     * Whether a deletion the journal records is of an entry within this context's base DNs: a client of narrower
     * scope learns of no other deletion. An offboarding or a purge may have moved the entry out before, and a
     * deletion the watcher found may name no DN; then the DNs the journal recorded for it earlier tell. A deletion
     * at a DN outside was of an entry moved away before, which the client had lost sight of already.
     */
    boolean sawDeleted(JournalEntry deletion) {
        if (!narrowed || holds(deletion.dn())) {
            return true;
        }
        return (deletion.operation() != Operation.DELETE || deletion.dn() == null)
                && journal.dnsOf(deletion.resourceId()).stream().anyMatch(this::holds);
    }

    private boolean holds(String dn) {
        try {
            return dn != null && mapping.holds(new DN(dn));
        } catch (LDAPException e) {
            return false;
        }
    }

    /** What a read for the chosen mappers asks the directory for; objectClass tells users from groups. */
    String[] readAttributes(Predicate<AttributeMapper> chosen) {
        Set<String> attributes = mapping.ldapAttributes(chosen);
        attributes.add("objectClass");
        return attributes.toArray(String[]::new);
    }
}
