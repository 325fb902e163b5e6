package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;

/**
 * Groups left without members by a deleted entry. The directory's referential integrity drops a deleted entry
 * from every group; a group it was the last member of would then break its class's required member, so the
 * placeholder goes back in.
 */
final class EmptiedGroups {
    private EmptiedGroups() {
    }

    /** Puts the placeholder member into every group of {@code mappings} that has no member; returns their DNs. */
    static List<String> refill(List<ResourceMapping> mappings, DirectoryClient directory) {
        List<String> refilled = new ArrayList<>();
        for (ResourceMapping groups : mappings) {
            DN placeholder = groups.placeholderMember();
            if (placeholder == null) {
                continue;
            }
            for (AttributeMapper members : groups.mappersOf(groups.coreSchema().urn(), "members")) {
                String attribute = members.writtenAttribute();
                Filter empty = Filter.createANDFilter(Filter.createNOTFilter(Filter.createPresenceFilter(attribute)),
                        groups.searchFilter());
                for (DN base : groups.baseDns()) {
                    for (SearchResultEntry group : directory.search(base, empty, 0, "1.1")) {
                        directory.modify(ResourceWrites.parsed(group), List.of(new Modification(ModificationType.ADD,
                                attribute, placeholder.toString())), true);
                        refilled.add(group.getDN());
                    }
                }
            }
        }
        return refilled;
    }
}
