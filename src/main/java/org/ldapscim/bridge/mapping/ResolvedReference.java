package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;

/** A DN known to be a SCIM resource: its type, id and a name for {@code display}. */
public record ResolvedReference(DN dn, String resourceType, String id, String display) {
}
