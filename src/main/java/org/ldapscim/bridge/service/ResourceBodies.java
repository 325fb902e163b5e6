package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.mapping.ScimDocument;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.schema.SchemaDefinition;

/**
 * Checks a POSTed or PUT resource against the resource type's schemas before anything is written:
 * the right {@code schemas}, no unknown attributes, required attributes present (RFC 7643 §2.2, §3). The values
 * were typed by the client's IdP profile before.
 * Attributes the schema knows but this mapping does not store are accepted and not kept.
 */
final class ResourceBodies {

    private ResourceBodies() {
    }

    static void check(JsonNode body, ResourceMapping mapping) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("the body must be a JSON object");
        }
        JsonNode schemas = ScimDocument.field(body, "schemas");
        if (schemas != null) {
            boolean core = schemas.isArray() && contains(schemas, mapping.coreSchema().urn());
            if (!core) {
                throw ScimException.invalidValue("schemas must list " + mapping.coreSchema().urn());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (isCommon(name) || mapping.coreSchema().attribute(name).isPresent()) {
                continue;
            }
            SchemaDefinition extension = mapping.extensions().stream()
                    .filter(e -> e.urn().equalsIgnoreCase(name)).findFirst().orElse(null);
            if (extension == null) {
                throw ScimException.invalidValue("'" + name + "' is not an attribute of " + mapping.name() + "s");
            }
            if (!field.getValue().isObject()) {
                throw ScimException.invalidValue(name + " must be an object of extension attributes");
            }
            for (Iterator<String> inner = field.getValue().fieldNames(); inner.hasNext(); ) {
                String attribute = inner.next();
                if (extension.attribute(attribute).isEmpty()) {
                    throw ScimException.invalidValue("'" + attribute + "' is not an attribute of " + extension.urn());
                }
            }
        }
        requirePresent(body, mapping);
    }

    /** The attributes RFC 7643 §3.1 gives every resource. */
    private static boolean isCommon(String name) {
        return List.of("schemas", "id", "externalId", "meta").stream().anyMatch(name::equalsIgnoreCase);
    }

    static void requirePresent(JsonNode resource, ResourceMapping mapping) {
        for (AttributeMapper mapper : mapping.mappers()) {
            if (mapper.definition().isRequired() && mapper.path().subAttribute() == null) {
                List<JsonNode> values = ScimDocument.values(resource, mapper.path(), mapping.coreSchema().urn(), false);
                if (values.stream().noneMatch(v -> v.isValueNode() && !v.asText().isBlank())) {
                    throw ScimException.invalidValue(mapper.path().attribute() + " is required");
                }
            }
        }
    }

    private static boolean contains(JsonNode array, String urn) {
        for (JsonNode item : array) {
            if (item.isTextual() && item.textValue().equalsIgnoreCase(urn)) {
                return true;
            }
        }
        return false;
    }
}
