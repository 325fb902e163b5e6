package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.util.List;
import java.util.Set;

/**
 * One configured SCIM path mapped onto the directory. Implementations are immutable and thread-safe.
 *
 * <p>Values cross this interface as the leaf JSON values of the path: strings and booleans for
 * {@code userName} or {@code emails[type eq "work"].value}, objects with {@code value} for references.
 */
public sealed interface AttributeMapper permits ScalarMapper, ReferenceMapper, MemberSearchMapper, PasswordMapper {

    MappedPath path();

    /** The schema definition of the path's top-level attribute. */
    AttributeDefinition definition();

    /** The LDAP attributes a read must request. */
    Set<String> readAttributes();

    /** The LDAP attribute that writes change, or null when the mapping cannot be written. */
    String writtenAttribute();

    /** The leaf values the entry holds for this path. */
    List<JsonNode> read(Entry entry, ReferenceResolver references);

    /**
     * The LDAP attribute as it must be for the entry to hold these leaf values (no values: remove it),
     * or null to leave it as it is.
     */
    Attribute write(List<JsonNode> values, Entry current, ReferenceResolver references);

    /**
     * The LDAP filter for a comparison on this path ({@code subAttribute} is the one named in the
     * filter, or null); a SCIM 400 {@code invalidFilter} when this mapping cannot answer it.
     */
    Filter filter(FilterType op, JsonNode value, String subAttribute, ReferenceResolver references);

    boolean searchable();

    /** Whether the SCIM value is shown in resources. */
    default boolean readable() {
        return true;
    }

    /** Marks the value this path produces as the primary one of a multi-valued attribute. */
    default boolean primary() {
        return false;
    }
}
