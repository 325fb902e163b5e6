package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.util.List;
import java.util.Set;
import org.ldapscim.bridge.scim.ScimException;

/** A string, boolean, integer or dateTime path kept in one LDAP attribute through a {@link ScalarCodec}. */
public record ScalarMapper(MappedPath path, AttributeDefinition definition, String ldapAttribute, ScalarCodec codec,
                           boolean writable, boolean searchable, boolean primary) implements AttributeMapper {

    @Override
    public Set<String> readAttributes() {
        return Set.of(ldapAttribute);
    }

    @Override
    public String writtenAttribute() {
        return writable ? ldapAttribute : null;
    }

    @Override
    public List<JsonNode> read(Entry entry, ReferenceResolver references) {
        return codec.read(entry.getAttribute(ldapAttribute));
    }

    @Override
    public Attribute write(List<JsonNode> values, Entry current, ReferenceResolver references) {
        Attribute existing = current == null ? null : current.getAttribute(ldapAttribute);
        return codec.write(ldapAttribute, values, existing, path.toString());
    }

    @Override
    public Filter filter(FilterType op, JsonNode value, String subAttribute, ReferenceResolver references) {
        // Null names no sub-attribute, which means this mapping's own leaf (the translator passes null
        // once it has matched the filter's sub-attribute against the mapped one).
        boolean leafMatches = subAttribute == null || (path.subAttribute() == null
                ? subAttribute.equalsIgnoreCase("value") : path.subAttribute().equalsIgnoreCase(subAttribute));
        if (!leafMatches) {
            return LdapFilters.NONE;
        }
        try {
            return codec.filter(ldapAttribute, op, value, path.toString());
        } catch (ScimException e) {
            throw ScimException.invalidFilter(e.detail());
        }
    }
}
