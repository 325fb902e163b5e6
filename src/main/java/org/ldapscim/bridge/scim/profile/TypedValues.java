package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.schema.SchemaDefinition;

/**
 * Walks a resource, or one PATCH value, along its schemas: each value the schemas define goes through the
 * profile's {@link ValueNormaliser}s and must then have the JSON type its attribute declares (RFC 7643 §2.3),
 * or the request is 400 invalidValue. Names come out as the schema spells them (RFC 7643 §2.1 makes them
 * case-insensitive, the PATCH applier does not) and strings in Unicode NFC. Names the schemas do not define are left for the resource checks to
 * judge. Thread-safe.
 */
final class TypedValues {
    private static final List<String> COMMON = List.of("schemas", "id", "externalId", "meta");

    private final List<ValueNormaliser> normalisers;
    private final boolean dropsUnknown;

    TypedValues(List<ValueNormaliser> normalisers, boolean dropsUnknown) {
        this.normalisers = List.copyOf(normalisers);
        this.dropsUnknown = dropsUnknown;
    }

    JsonNode resource(JsonNode body, SchemaDefinition core, List<SchemaDefinition> extensions) {
        if (body == null || !body.isObject()) {
            return body;
        }
        ObjectNode typed = body.deepCopy();
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            SchemaDefinition extension = extensions.stream().filter(e -> e.urn().equalsIgnoreCase(member.getKey()))
                    .findFirst().orElse(null);
            if (extension != null && member.getValue().isObject()) {
                typed.remove(member.getKey());
                typed.set(extension.urn(), attributes(member.getValue(), extension));
            } else if (core.attribute(member.getKey()).isPresent()) {
                AttributeDefinition definition = core.attribute(member.getKey()).get();
                typed.remove(member.getKey());
                typed.set(definition.getName(), value(definition, member.getValue()));
            } else if (dropsUnknown && extension == null && COMMON.stream().noneMatch(member.getKey()::equalsIgnoreCase)) {
                typed.remove(member.getKey());
            }
        }
        return typed;
    }

    /** The value of an add or replace at {@code path}, typed by the attribute the path names. */
    JsonNode atPath(Path path, JsonNode value, SchemaDefinition core, List<SchemaDefinition> extensions) {
        if (value == null) {
            return value;
        }
        if (path.size() == 0) {
            return resource(value, core, extensions);
        }
        SchemaDefinition schema = path.getSchemaUrn() == null ? core : extensions.stream()
                .filter(e -> e.urn().equalsIgnoreCase(path.getSchemaUrn())).findFirst()
                .orElse(core.urn().equalsIgnoreCase(path.getSchemaUrn()) ? core : null);
        AttributeDefinition definition = schema == null ? null
                : schema.attribute(path.getElement(0).getAttribute()).orElse(null);
        if (definition != null && path.size() > 1) {
            definition = SchemaDefinition.subAttribute(definition, path.getElement(1).getAttribute()).orElse(null);
        }
        return definition == null ? value : value(definition, value);
    }

    private JsonNode attributes(JsonNode container, SchemaDefinition schema) {
        ObjectNode typed = container.deepCopy();
        for (Map.Entry<String, JsonNode> member : container.properties()) {
            var definition = schema.attribute(member.getKey());
            if (definition.isPresent()) {
                typed.remove(member.getKey());
                typed.set(definition.get().getName(), value(definition.get(), member.getValue()));
            } else if (dropsUnknown) {
                typed.remove(member.getKey());
            }
        }
        return typed;
    }

    /** A multi-valued attribute may come as an array or, in a PATCH, as the one element to add. */
    private JsonNode value(AttributeDefinition definition, JsonNode value) {
        if (value.isNull()) {
            return value;
        }
        if (definition.isMultiValued() && value.isArray()) {
            ArrayNode typed = ((ArrayNode) value).arrayNode();
            for (JsonNode element : value) {
                typed.add(single(definition, element));
            }
            return typed;
        }
        return single(definition, value);
    }

    private JsonNode single(AttributeDefinition definition, JsonNode value) {
        JsonNode normalised = value;
        for (ValueNormaliser normaliser : normalisers) {
            normalised = normaliser.normalise(definition, normalised);
        }
        if (definition.getType() == AttributeDefinition.Type.COMPLEX && normalised.isObject()) {
            ObjectNode typed = normalised.deepCopy();
            for (Map.Entry<String, JsonNode> member : normalised.properties()) {
                SchemaDefinition.subAttribute(definition, member.getKey()).ifPresent(sub -> {
                    typed.remove(member.getKey());
                    typed.set(sub.getName(), value(sub, member.getValue()));
                });
            }
            return typed;
        }
        requireType(definition, normalised);
        if (definition.getType() == AttributeDefinition.Type.STRING && normalised.isTextual()) {
            // One name typed two ways (é or e + combining accent) must be one value, for uniqueness above all.
            return TextNode.valueOf(Normalizer.normalize(normalised.textValue(), Normalizer.Form.NFC));
        }
        return normalised;
    }

    private static void requireType(AttributeDefinition definition, JsonNode value) {
        boolean fits = switch (definition.getType()) {
            case BOOLEAN -> value.isBoolean();
            case INTEGER -> value.isIntegralNumber();
            case DECIMAL -> value.isNumber();
            case COMPLEX -> false;
            default -> value.isTextual();
        };
        if (!fits) {
            throw ScimException.invalidValue(definition.getName() + " takes " + expected(definition) + ", not "
                    + (value.isArray() && !definition.isMultiValued() ? "a list" : describe(value))
                    + " (RFC 7643 §2.3)");
        }
    }

    private static String expected(AttributeDefinition definition) {
        return switch (definition.getType()) {
            case BOOLEAN -> "true or false";
            case INTEGER -> "an integer";
            case DECIMAL -> "a number";
            case COMPLEX -> "an object";
            default -> "a string";
        };
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        return "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
