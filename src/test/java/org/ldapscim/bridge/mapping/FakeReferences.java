package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ReferenceResolver} over a fixed set of resources, standing in for the service layer's
 * directory lookups: a test double of the bridge's own interface, not of LDAP.
 */
final class FakeReferences implements ReferenceResolver {
    static final String BASE_URL = "https://scim.example.test/scim/v2";

    private final Map<String, ResolvedReference> byId = new LinkedHashMap<>();
    private final Map<DN, List<ResolvedReference>> holders = new LinkedHashMap<>();

    /** Registers a resource; returns this for chaining. */
    FakeReferences with(String resourceType, String id, String dn, String display) {
        ResolvedReference reference = new ResolvedReference(dn(dn), resourceType, id, display);
        byId.put(id, reference);
        return this;
    }

    /** Makes {@code groupIds} the groups that list {@code memberDn}, for memberSearch mappings. */
    FakeReferences holding(String memberDn, String... groupIds) {
        holders.put(dn(memberDn), java.util.Arrays.stream(groupIds).map(byId::get).toList());
        return this;
    }

    @Override
    public Map<DN, ResolvedReference> resolve(Collection<DN> dns) {
        Map<DN, ResolvedReference> found = new LinkedHashMap<>();
        for (ResolvedReference reference : byId.values()) {
            if (dns.contains(reference.dn())) {
                found.put(reference.dn(), reference);
            }
        }
        return found;
    }

    @Override
    public Map<String, ResolvedReference> byIds(Collection<String> ids, List<String> targetTypes) {
        Map<String, ResolvedReference> found = new LinkedHashMap<>();
        for (String id : ids) {
            ResolvedReference reference = byId.get(id);
            if (reference != null && targetTypes.contains(reference.resourceType())) {
                found.put(id, reference);
            }
        }
        return found;
    }

    @Override
    public List<ResolvedReference> nestedHoldersOf(DN member, List<String> targetTypes, String memberAttribute) {
        return holders.getOrDefault(member, List.of()).stream()
                .filter(holder -> targetTypes.contains(holder.resourceType())).toList();
    }

    @Override
    public Map<String, ResolvedReference> byAttribute(Collection<String> values, String attribute,
                                                      List<String> targetTypes) {
        throw new UnsupportedOperationException("the mapping tests refer to members by DN");
    }

    @Override
    public String valueOf(ResolvedReference target, String attribute) {
        throw new UnsupportedOperationException("the mapping tests refer to members by DN");
    }

    @Override
    public List<ResolvedReference> holdersOf(String member, String targetType, String memberAttribute) {
        return holders.getOrDefault(dn(member), List.of()).stream()
                .filter(holder -> holder.resourceType().equals(targetType)).toList();
    }

    @Override
    public String location(String resourceType, String id) {
        return BASE_URL + "/" + resourceType + "s/" + id;
    }

    static DN dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
