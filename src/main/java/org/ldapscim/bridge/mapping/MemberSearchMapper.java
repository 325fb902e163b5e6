package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ldapscim.bridge.scim.ScimException;

/**
 * A user's {@code groups} found by searching for groups that list the user's DN, or with {@code by} the
 * user's value of that attribute (posixGroup's memberUid lists uids), for directories that keep no memberOf.
 * Read-only, as RFC 7643 §4.1.2 makes {@code groups}.
 *
 * @param by the user's attribute whose value the groups hold; null for the user's DN
 */
public record MemberSearchMapper(MappedPath path, AttributeDefinition definition, String targetType,
                                 String memberAttribute, String by) implements AttributeMapper {

    @Override
    public Set<String> readAttributes() {
        return by == null ? Set.of() : Set.of(by);
    }

    @Override
    public String writtenAttribute() {
        return null;
    }

    @Override
    public List<JsonNode> read(Entry entry, ReferenceResolver references) {
        List<JsonNode> values = new ArrayList<>();
        try {
            String member = by == null ? entry.getParsedDN().toString() : entry.getAttributeValue(by);
            if (member == null) {
                return values;
            }
            for (ResolvedReference group : references.holdersOf(member, targetType, memberAttribute)) {
                ObjectNode element = JsonNodeFactory.instance.objectNode();
                element.put("value", group.id());
                element.put("$ref", references.location(group.resourceType(), group.id()));
                if (group.display() != null) {
                    element.put("display", group.display());
                }
                element.put("type", "direct");
                values.add(element);
            }
        } catch (LDAPException e) {
            throw ScimException.internal("entry with an invalid DN", e);
        }
        return values;
    }

    @Override
    public Attribute write(List<JsonNode> values, Entry current, ReferenceResolver references) {
        return null;
    }

    @Override
    public Filter filter(FilterType op, JsonNode value, String subAttribute, ReferenceResolver references) {
        throw ScimException.invalidFilter(path.attribute() + " cannot be searched in this directory;"
                + " search the groups by members instead");
    }

    @Override
    public boolean searchable() {
        return false;
    }
}
