package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.ReferenceMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.ScimException;

/**
 * A PUT rewrites a group's whole member list from what the client sent, and so does a PATCH that replaces or
 * removes all members; the client was never shown members outside the base DNs it sees, and those stay in the
 * list, untouched. A DN within the base DNs that names nothing (a member deleted without referential integrity) is
 * dropped as before. A value of {@code by} ({@code memberUid: jdoe}) does not tell where its target lives: for a
 * client confined to narrower base DNs one that it cannot resolve may be another's member and is kept; for a
 * client that sees the mapping's whole base DNs it names nothing and is dropped.
 */
final class UnshownMembers {

    private UnshownMembers() {
    }

    /** {@code desired} with the kept values of the entry's multi-valued references added back. */
    static void keep(Map<String, Attribute> desired, Entry current, ResourceContext context,
                     DirectoryReferences references) {
        ResourceMapping mapping = context.mapping;
        for (AttributeMapper mapper : mapping.mappers()) {
            if (!(mapper instanceof ReferenceMapper reference) || !reference.definition().isMultiValued()
                    || !ResourceMapping.isWritable(reference)) {
                continue;
            }
            String key = reference.writtenAttribute().toLowerCase(Locale.ROOT);
            Attribute wanted = desired.get(key);
            List<String> kept = wanted == null ? List.of() : kept(reference, current, context, references);
            if (kept.isEmpty()) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>(List.of(wanted.getValues()));
            if (mapping.placeholderMember() != null) {
                // The placeholder stands in only for an empty list, and the kept members fill it.
                values.remove(mapping.placeholderMember().toString());
            }
            values.addAll(kept);
            desired.put(key, new Attribute(wanted.getName(), values));
        }
    }

    /** The values of one reference that a write of its whole list keeps. */
    static List<String> kept(ReferenceMapper reference, Entry current, ResourceContext context,
                             DirectoryReferences references) {
        List<String> unshown = reference.unshownValues(current, references);
        if (reference.by() != null) {
            return context.narrowed ? unshown : List.of();
        }
        return unshown.stream().filter(dn -> outside(dn, reference, references)).toList();
    }

    private static boolean outside(String dn, ReferenceMapper reference, DirectoryReferences references) {
        try {
            return !references.reaches(new DN(dn), reference.targets());
        } catch (LDAPException e) {
            throw ScimException.internal("a member value that was read as a DN does not parse", e);
        }
    }
}
