package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns DN values into the SCIM resources they name and back. The mapping layer asks; the service
 * layer answers from the directory, so mapping code never holds a connection.
 */
public interface ReferenceResolver {

    /** The resources named by these DNs; a DN that names no mapped resource is absent from the map. */
    Map<DN, ResolvedReference> resolve(Collection<DN> dns);

    /** The DN of the resource with this id among the target types; a SCIM 400 invalidValue if none. */
    ResolvedReference byId(String id, List<String> targetTypes, String attributeName);

    /** The resources of {@code targetType} whose {@code memberAttribute} holds {@code member}. */
    List<ResolvedReference> holdersOf(DN member, String targetType, String memberAttribute);

    /** The absolute URL of a resource, for {@code $ref} and {@code meta.location}. */
    String location(String resourceType, String id);
}
