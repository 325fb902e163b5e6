package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.scim.JsonMembers;
import org.ldapscim.bridge.scim.ScimException;

/**
 * Reads and places the leaf values of a {@link MappedPath} in a SCIM resource's JSON. Attribute names and
 * schema URNs match without regard to case (RFC 7643 §2.1), because IdPs do not all spell them alike.
 */
public final class ScimDocument {

    private ScimDocument() {
    }

    /** The member of {@code object} with this name in any case, or null. */
    public static JsonNode field(JsonNode object, String name) {
        return JsonMembers.get(object, name);
    }

    /** The object that holds the attributes of {@code urn}: the resource itself for its core schema. */
    static JsonNode schemaContainer(JsonNode resource, String urn, String coreUrn) {
        return urn.equalsIgnoreCase(coreUrn) ? resource : field(resource, urn);
    }

    /** Whether the resource holds a JSON array where the path's top-level attribute is. */
    static boolean isList(JsonNode resource, MappedPath path, String coreUrn) {
        JsonNode attribute = field(schemaContainer(resource, path.schemaUrn(), coreUrn), path.attribute());
        return attribute != null && attribute.isArray();
    }

    /**
     * The leaf values at {@code path}. For {@code emails[type eq "work"].value} these are the values of the
     * elements typed work; when {@code primaryFallback} is set and no element is typed so, the primary
     * element, or a lone untyped element, stands in for it (Okta and others often omit {@code type}).
     */
    public static List<JsonNode> values(JsonNode resource, MappedPath path, String coreUrn, boolean primaryFallback) {
        JsonNode attribute = field(schemaContainer(resource, path.schemaUrn(), coreUrn), path.attribute());
        List<JsonNode> values = new ArrayList<>();
        if (attribute == null || attribute.isNull()) {
            return values;
        }
        if (path.type() != null) {
            List<JsonNode> elements = elements(attribute);
            List<JsonNode> chosen = elements.stream().filter(e -> typeIs(e, path.type())).toList();
            if (chosen.isEmpty() && primaryFallback) {
                chosen = elements.stream().filter(e -> isPrimary(e) && field(e, "type") == null).toList();
                if (chosen.isEmpty() && elements.size() == 1 && field(elements.get(0), "type") == null) {
                    chosen = elements;
                }
            }
            chosen.forEach(element -> addLeaf(values, element, path.subAttribute()));
            return values;
        }
        if (path.subAttribute() != null) {
            for (JsonNode element : elements(attribute)) {
                addLeaf(values, element, path.subAttribute());
            }
            return values;
        }
        if (attribute.isArray()) {
            attribute.forEach(value -> {
                if (!value.isNull()) {
                    values.add(value);
                }
            });
        } else {
            values.add(attribute);
        }
        return values;
    }

    private static void addLeaf(List<JsonNode> values, JsonNode element, String subAttribute) {
        if (element.isNull()) {
            return;
        }
        if (!element.isObject()) {
            // "name": "Bob" or "emails": ["a@example.com"]: a complex attribute sent as a plain value.
            throw ScimException.invalidValue("the elements of this attribute are objects with sub-attributes such as "
                    + subAttribute + ", not " + element.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + "s");
        }
        JsonNode leaf = field(element, subAttribute);
        if (leaf != null && !leaf.isNull()) {
            values.add(leaf);
        }
    }

    private static List<JsonNode> elements(JsonNode attribute) {
        List<JsonNode> elements = new ArrayList<>();
        if (attribute.isArray()) {
            attribute.forEach(elements::add);
        } else {
            elements.add(attribute);
        }
        return elements;
    }

    private static boolean typeIs(JsonNode element, String type) {
        JsonNode actual = field(element, "type");
        return actual != null && actual.isTextual() && actual.textValue().equalsIgnoreCase(type);
    }

    private static boolean isPrimary(JsonNode element) {
        JsonNode primary = field(element, "primary");
        return primary != null && (primary.asBoolean(false) || "true".equalsIgnoreCase(primary.asText()));
    }

    /** Places the values a mapper read into {@code resource}; elements of the same type are shared. */
    static void put(ObjectNode resource, AttributeMapper mapper, List<JsonNode> values, String coreUrn) {
        if (values.isEmpty()) {
            return;
        }
        MappedPath path = mapper.path();
        ObjectNode container = path.schemaUrn().equalsIgnoreCase(coreUrn) ? resource
                : resource.has(path.schemaUrn()) ? (ObjectNode) resource.get(path.schemaUrn())
                : resource.putObject(path.schemaUrn());
        boolean multiValued = mapper.definition().isMultiValued();
        if (path.subAttribute() == null) {
            if (multiValued) {
                ArrayNode array = container.has(path.attribute()) ? (ArrayNode) container.get(path.attribute())
                        : container.putArray(path.attribute());
                values.forEach(array::add);
            } else {
                container.set(path.attribute(), values.get(0));
            }
            return;
        }
        if (!multiValued) {
            ObjectNode complex = container.has(path.attribute()) ? (ObjectNode) container.get(path.attribute())
                    : container.putObject(path.attribute());
            complex.set(path.subAttribute(), values.get(0));
            return;
        }
        ArrayNode array = container.has(path.attribute()) ? (ArrayNode) container.get(path.attribute())
                : container.putArray(path.attribute());
        ObjectNode shared = sharedElement(array, path.type());
        for (int i = 0; i < values.size(); i++) {
            ObjectNode element = i == 0 ? shared : array.addObject();
            if (path.type() != null) {
                element.put("type", path.type());
            }
            element.set(path.subAttribute(), values.get(i));
            if (mapper.primary() && i == 0) {
                element.put("primary", true);
            }
        }
    }

    private static ObjectNode sharedElement(ArrayNode array, String type) {
        for (JsonNode element : array) {
            JsonNode elementType = element.get("type");
            boolean sameType = type == null ? elementType == null
                    : elementType != null && type.equalsIgnoreCase(elementType.asText());
            if (sameType) {
                return (ObjectNode) element;
            }
        }
        return array.addObject();
    }

    /** A fresh resource with its {@code schemas} list. */
    static ObjectNode newResource(String coreUrn) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        resource.putArray("schemas").add(coreUrn);
        return resource;
    }
}
