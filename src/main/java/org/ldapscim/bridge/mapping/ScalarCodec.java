package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.util.List;

/**
 * Converts the values of one LDAP attribute to SCIM scalar values and back, and compares them in filters.
 * Implementations are immutable and thread-safe.
 */
public interface ScalarCodec {

    /** The SCIM values held by the attribute; {@code attribute} is null when the entry lacks it. */
    List<JsonNode> read(Attribute attribute);

    /**
     * The attribute as it must be for the entry to hold {@code values}; an attribute with no values
     * means "remove it". {@code current} is null when the entry lacks it.
     */
    Attribute write(String ldapName, List<JsonNode> values, Attribute current, String scimName);

    /** The LDAP filter for {@code scim-attribute op value}; value is null for {@code pr}. */
    Filter filter(String ldapName, FilterType op, JsonNode value, String scimName);

    /**
     * Whether the directory's order of the stored values is the SCIM order of the values they hold, so the
     * directory can sort by them: true for text, numbers and times, false where a value is encoded (flags).
     */
    default boolean sortsAsStored() {
        return true;
    }
}
