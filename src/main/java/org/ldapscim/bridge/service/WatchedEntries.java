package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.mapping.ResourceMapping;

/**
 * The entries of one resource type as the watcher reads them: only under the mapping's base DNs and matching its
 * search filter, with every mapped attribute, the version attributes and who changed them last.
 */
final class WatchedEntries {
    static final String MODIFIERS_NAME = "modifiersName";

    final ResourceMapping mapping;
    final DirectoryClient directory;
    final Set<String> secretAttributes;
    private final String[] attributes;

    WatchedEntries(ResourceMapping mapping, DirectoryClient directory) {
        this.mapping = mapping;
        this.directory = directory;
        this.secretAttributes = ChangeRecord.secretAttributesOf(mapping);
        Set<String> wanted = new LinkedHashSet<>(mapping.ldapAttributes(mapper -> true));
        wanted.add("objectClass");
        wanted.add(MODIFIERS_NAME);
        this.attributes = wanted.toArray(String[]::new);
    }

    String[] attributes() {
        return attributes.clone();
    }

    /** The entry at {@code dn} if it is one of this type's, else null (gone, moved out, or another kind). */
    Entry read(String dn) {
        DN parsed;
        try {
            parsed = new DN(dn);
        } catch (LDAPException e) {
            return null;
        }
        if (!mapping.holds(parsed)) {
            return null;
        }
        for (SearchResultEntry entry : directory.search(parsed, mapping.searchFilter(), 0, attributes)) {
            if (ResourceWrites.parsed(entry).equals(parsed)) {
                return entry;
            }
        }
        return null;
    }

    /** Whether an entry, as the directory last showed it, was one of this type's. */
    boolean held(Entry entry) {
        try {
            return mapping.holds(entry.getParsedDN()) && mapping.searchFilter().matchesEntry(entry);
        } catch (LDAPException e) {
            return false;
        }
    }

    /** The mapped LDAP attributes an entry's journal record shows, secrets as changed only. */
    List<String> recordedAttributes(Entry entry) {
        Set<String> names = new LinkedHashSet<>(mapping.ldapAttributes(mapper -> true));
        names.removeIf(name -> !entry.hasAttribute(name));
        return List.copyOf(names);
    }

    /** A copy of the entry with only the attributes its journal record shows: the journal records what SCIM sees. */
    Entry recorded(Entry entry) {
        Entry shown = new Entry(entry.getDN());
        for (String name : recordedAttributes(entry)) {
            shown.addAttribute(entry.getAttribute(name));
        }
        return shown;
    }

    String changedBy(Entry entry) {
        return entry.getAttributeValue(MODIFIERS_NAME);
    }
}
