package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.Set;
import org.ldapscim.bridge.mapping.MappedPath;

/**
 * What one client may do with one resource type: nothing, read it, or read and write it, within some base DNs,
 * changing only some attributes.
 *
 * @param baseDns            where the type's entries are for the client; null for the mapping's own base DNs
 * @param writableAttributes the SCIM paths it may change; null for every writable attribute
 */
public record TypeScope(Access access, List<DN> baseDns, Set<MappedPath> writableAttributes) {
    /** What a client without scopes may do: everything. */
    public static final TypeScope FULL = new TypeScope(Access.WRITE, null, null);
    /** A type a scoped client does not list. */
    public static final TypeScope NONE = new TypeScope(Access.NONE, List.of(), Set.of());

    public enum Access {
        NONE, READ, WRITE
    }

    public TypeScope {
        baseDns = baseDns == null ? null : List.copyOf(baseDns);
        writableAttributes = writableAttributes == null ? null : Set.copyOf(writableAttributes);
    }
}
