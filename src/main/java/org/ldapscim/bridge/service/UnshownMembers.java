package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.ReferenceMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;

/**
 * A PUT rewrites a group's whole member list from what the client sent, and the client was never shown members
 * outside the base DNs it sees: those stay in the list, untouched ({@link ReferenceMapper#unshownValues}).
 */
final class UnshownMembers {

    private UnshownMembers() {
    }

    /** {@code desired} with every unshown value of the entry's multi-valued references added back. */
    static void keep(Map<String, Attribute> desired, Entry current, ResourceMapping mapping,
                     DirectoryReferences references) {
        for (AttributeMapper mapper : mapping.mappers()) {
            if (!(mapper instanceof ReferenceMapper reference) || !reference.definition().isMultiValued()
                    || !ResourceMapping.isWritable(reference)) {
                continue;
            }
            String key = reference.writtenAttribute().toLowerCase(Locale.ROOT);
            Attribute wanted = desired.get(key);
            List<String> unshown = wanted == null ? List.of() : reference.unshownValues(current, references);
            if (unshown.isEmpty()) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>(List.of(wanted.getValues()));
            if (mapping.placeholderMember() != null) {
                // The placeholder stands in only for an empty list, and the kept members fill it.
                values.remove(mapping.placeholderMember().toString());
            }
            values.addAll(unshown);
            desired.put(key, new Attribute(wanted.getName(), values));
        }
    }
}
