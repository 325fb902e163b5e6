package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.ldapscim.bridge.scim.ScimException;

/**
 * Turns DN values into the SCIM resources they name and back. The mapping layer asks; the service
 * layer answers from the directory, so mapping code never holds a connection.
 */
public interface ReferenceResolver {

    /** The resources named by these DNs; a DN that names no mapped resource is absent from the map. */
    Map<DN, ResolvedReference> resolve(Collection<DN> dns);

    /**
     * {@link #resolve(Collection)} for values that may carry their target's objectGUID (see {@link DnValue}): a
     * resolver may use it to find the targets, of {@code targetTypes} only, by id instead of by DN.
     */
    default Map<DN, ResolvedReference> resolveValues(List<DnValue> values, List<String> targetTypes) {
        return resolve(values.stream().map(DnValue::dn).toList());
    }

    /** The resources with these ids among the target types; an id that names none is absent from the map. */
    Map<String, ResolvedReference> byIds(Collection<String> ids, List<String> targetTypes);

    /** The resource with this id among the target types; a SCIM 400 invalidValue if none. */
    default ResolvedReference byId(String id, List<String> targetTypes, String attributeName) {
        return requireAll(List.of(id), targetTypes, attributeName).get(id);
    }

    /** {@link #byIds}, failing with 400 invalidValue on the first id that names nothing. */
    default Map<String, ResolvedReference> requireAll(Collection<String> ids, List<String> targetTypes,
                                                      String attributeName) {
        Map<String, ResolvedReference> found = byIds(ids, targetTypes);
        for (String id : ids) {
            if (!found.containsKey(id)) {
                throw ScimException.invalidValue(attributeName + " refers to '" + id
                        + "', which is no " + String.join(" or ", targetTypes));
            }
        }
        return found;
    }

    /**
     * The resources among the target types whose {@code attribute} holds one of {@code values}, keyed by the
     * value as asked; a value that names none is absent from the map.
     */
    Map<String, ResolvedReference> byAttribute(Collection<String> values, String attribute, List<String> targetTypes);

    /** The first value of {@code attribute} on the resource's entry, or null when it has none. */
    String valueOf(ResolvedReference target, String attribute);

    /** The resources of {@code targetType} whose {@code memberAttribute} holds {@code member}. */
    List<ResolvedReference> holdersOf(String member, String targetType, String memberAttribute);

    /**
     * The resources of the target types that hold {@code member} directly or through groups they hold, by
     * Active Directory's LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941) on {@code memberAttribute}.
     */
    List<ResolvedReference> nestedHoldersOf(DN member, List<String> targetTypes, String memberAttribute);

    /** The absolute URL of a resource, for {@code $ref} and {@code meta.location}. */
    String location(String resourceType, String id);
}
