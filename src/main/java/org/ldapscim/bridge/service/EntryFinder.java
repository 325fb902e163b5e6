package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.List;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.mapping.ResourceMapping;

/** Finds the entry of a resource by its SCIM id under the mapping's base DNs. Thread-safe. */
final class EntryFinder {
    private final DirectoryClient directory;

    EntryFinder(DirectoryClient directory) {
        this.directory = directory;
    }

    /** The entry with this id, or null; {@code attributes} are the ones to read. */
    SearchResultEntry find(ResourceMapping mapping, String id, String... attributes) {
        Filter byId = mapping.id().filterFor(id);
        if (byId == null) {
            return null;
        }
        // The id comparison goes first: some directories index only the first component of an AND.
        Filter filter = Filter.createANDFilter(byId, mapping.searchFilter());
        for (DN base : mapping.baseDns()) {
            List<SearchResultEntry> found = directory.search(base, filter, 2, attributes);
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        return null;
    }
}
