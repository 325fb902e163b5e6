package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ldapscim.bridge.scim.ScimException;

/**
 * Values that name other resources: {@code members}, {@code manager}, {@code groups} from memberOf.
 * SCIM sees each as {@code {"value": id, "$ref": url, "display"|"displayName": name, "type": type}}.
 * The values are the targets' DNs (as {@link DnValue} reads them: AD's extended form, RFC 4517's optional UID),
 * or with {@code by} their value of that attribute (posixGroup's {@code memberUid: jdoe}).
 *
 * @param by the targets' attribute the values hold; null for their DNs
 * @param hiddenDns DNs never shown to SCIM, such as the placeholder member of an empty groupOfNames
 * @param indirect for a user's groups: also the groups held through nested groups, typed indirect
 */
public record ReferenceMapper(MappedPath path, AttributeDefinition definition, String ldapAttribute,
                              List<String> targets, String by, boolean writable, boolean searchable,
                              Set<DN> hiddenDns, boolean indirect) implements AttributeMapper {
    /** The attribute of Active Directory's groups that nested memberships are followed through. */
    private static final String NESTED_MEMBER_ATTRIBUTE = "member";

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
        if (by != null) {
            return readByValue(entry.getAttributeValues(ldapAttribute), references);
        }
        List<DnValue> dns = dns(entry.getAttribute(ldapAttribute));
        List<JsonNode> values = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        Map<DN, ResolvedReference> resolved = dns.isEmpty() ? Map.of() : references.resolveValues(dns, targets);
        for (DnValue dn : dns) {
            ResolvedReference target = resolved.get(dn.dn());
            if (target != null && targets.contains(target.resourceType()) && shown.add(target.id())) {
                values.add(element(target, references, "direct"));
            }
        }
        DN own = ownDn(entry);
        if (indirect && own != null) {
            for (ResolvedReference group : references.nestedHoldersOf(own, targets, NESTED_MEMBER_ATTRIBUTE)) {
                if (shown.add(group.id())) {
                    values.add(element(group, references, "indirect"));
                }
            }
        }
        return values;
    }

    /**
     * The values the entry holds that SCIM is not shown because they resolve to no target: DNs (as DN strings) or
     * values of {@code by} that name no resource the resolver reaches, leaving out the {@code hiddenDns} such as
     * the placeholder. Which of them a write of the whole list keeps is the caller's decision.
     */
    public List<String> unshownValues(Entry entry, ReferenceResolver references) {
        String[] held = entry.getAttributeValues(ldapAttribute);
        if (held == null || held.length == 0) {
            return List.of();
        }
        List<String> unshown = new ArrayList<>();
        if (by != null) {
            Map<String, ResolvedReference> resolved = references.byAttribute(List.of(held), by, targets);
            for (String value : held) {
                if (!resolved.containsKey(value)) {
                    unshown.add(value);
                }
            }
            return unshown;
        }
        List<DnValue> dns = dns(entry.getAttribute(ldapAttribute));
        Map<DN, ResolvedReference> resolved = dns.isEmpty() ? Map.of() : references.resolveValues(dns, targets);
        for (DnValue dn : dns) {
            ResolvedReference target = resolved.get(dn.dn());
            if (target == null || !targets.contains(target.resourceType())) {
                unshown.add(dn.dn().toString());
            }
        }
        return unshown;
    }

    private List<JsonNode> readByValue(String[] held, ReferenceResolver references) {
        if (held == null || held.length == 0) {
            return List.of();
        }
        List<String> values = List.of(held);
        Map<String, ResolvedReference> resolved = references.byAttribute(values, by, targets);
        List<JsonNode> elements = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (String value : values) {
            ResolvedReference target = resolved.get(value);
            if (target != null && shown.add(target.id())) {
                elements.add(element(target, references, "direct"));
            }
        }
        return elements;
    }

    /**
     * The value this attribute holds for {@code target}: its DN, or its value of {@code by}; a 400
     * invalidValue when the target lacks that attribute and so cannot be listed here.
     */
    public String valueFor(ResolvedReference target, ReferenceResolver references) {
        if (by == null) {
            return target.dn().toString();
        }
        String value = references.valueOf(target, by);
        if (value == null) {
            throw ScimException.invalidValue(path.attribute() + " refers to '" + target.id() + "', which has no "
                    + by + " to list in " + ldapAttribute);
        }
        return value;
    }

    private ObjectNode element(ResolvedReference target, ReferenceResolver references, String groupType) {
        ObjectNode element = JsonNodeFactory.instance.objectNode();
        element.put("value", target.id());
        element.put("$ref", references.location(target.resourceType(), target.id()));
        boolean manager = !definition.isMultiValued();
        if (target.display() != null) {
            element.put(manager ? "displayName" : "display", target.display());
        }
        if (!manager) {
            // RFC 7643 §4.1.2: a user's groups are typed direct or indirect; members by resource type.
            element.put("type", path.attribute().equalsIgnoreCase("groups") ? groupType : target.resourceType());
        }
        return element;
    }

    @Override
    public Attribute write(List<JsonNode> values, Entry current, ReferenceResolver references) {
        List<String> ids = new ArrayList<>();
        for (JsonNode value : values) {
            ids.add(idOf(value, path.attribute()));
        }
        Map<String, ResolvedReference> found = references.requireAll(ids, targets, path.attribute());
        Set<String> written = new LinkedHashSet<>();
        for (String id : ids) {
            ResolvedReference target = found.get(id);
            if (current != null && target.dn().equals(ownDn(current))) {
                throw ScimException.invalidValue(path.attribute() + " cannot refer to the resource itself");
            }
            written.add(valueFor(target, references));
        }
        return new Attribute(ldapAttribute, written);
    }

    /** The id in a reference value; a bare string is taken as the id, as Okta and others send for manager. */
    public static String idOf(JsonNode value, String attributeName) {
        JsonNode id = value.isObject() ? ScimDocument.field(value, "value") : value;
        if (id == null || !id.isTextual() || id.textValue().isBlank()) {
            throw ScimException.invalidValue(attributeName + " needs a \"value\" holding the id of a resource");
        }
        return id.textValue();
    }

    @Override
    public Filter filter(FilterType op, JsonNode value, String subAttribute, ReferenceResolver references) {
        if (subAttribute != null && !subAttribute.equalsIgnoreCase("value")) {
            throw ScimException.invalidFilter("only " + path.attribute() + ".value can be searched");
        }
        LdapFilters.requireEqualityOnly(op, path.attribute());
        if (op == FilterType.PRESENT) {
            Filter present = Filter.createPresenceFilter(ldapAttribute);
            // A group holding the placeholder holds nothing else: SCIM sees it empty.
            List<Filter> hidden = hiddenDns.stream()
                    .map(dn -> Filter.createNOTFilter(Filter.createEqualityFilter(ldapAttribute, dn.toString()))).toList();
            return hidden.isEmpty() ? present : Filter.createANDFilter(
                    java.util.stream.Stream.concat(java.util.stream.Stream.of(present), hidden.stream()).toList());
        }
        if (value == null || !value.isTextual()) {
            throw ScimException.invalidFilter(path.attribute() + ".value is compared with a string id");
        }
        Filter match;
        try {
            match = Filter.createEqualityFilter(ldapAttribute,
                    valueFor(references.byId(value.textValue(), targets, path.attribute()), references));
        } catch (ScimException unknownId) {
            match = LdapFilters.NONE;
        }
        return op == FilterType.EQUAL ? match : Filter.createNOTFilter(match);
    }

    private static DN ownDn(Entry entry) {
        try {
            return entry.getParsedDN();
        } catch (LDAPException e) {
            return null;
        }
    }

    private List<DnValue> dns(Attribute attribute) {
        List<DnValue> dns = new ArrayList<>();
        if (attribute == null) {
            return dns;
        }
        for (String value : attribute.getValues()) {
            // A value that is no DN cannot name a resource; it is left out of the SCIM view.
            DnValue dn = DnValue.parse(value);
            if (dn != null && !hiddenDns.contains(dn.dn())) {
                dns.add(dn);
            }
        }
        return dns;
    }
}
