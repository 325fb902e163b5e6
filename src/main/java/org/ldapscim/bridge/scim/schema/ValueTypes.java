package org.ldapscim.bridge.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.math.BigDecimal;
import java.util.Map;
import org.ldapscim.bridge.scim.ScimException;

/**
 * Checks a value against the type its attribute definition declares (RFC 7643 §2.3), down through the
 * sub-attributes of complex values, so a value the mapping does not store is refused as surely as one it does:
 * {@code "primary": 3} is 400 invalidValue even where {@code primary} is a fixed flag. Leniencies IdPs rely
 * on stay: booleans and numbers as strings, a number where a string belongs, one object for a multi-valued
 * attribute. Sub-attributes the schema does not define are left to the mapping. Stateless.
 *
 * <pre>{@code
 * ValueTypes.check(StandardSchemas.user().attribute("emails").orElseThrow(), body.get("emails"));
 * }</pre>
 */
public final class ValueTypes {
    private ValueTypes() {
    }

    /** Refuses with 400 invalidValue a value, or an element of it, of another type than the definition's. */
    public static void check(AttributeDefinition definition, JsonNode value) {
        check(definition, value, definition.getName());
    }

    private static void check(AttributeDefinition definition, JsonNode value, String path) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isArray()) {
            checkOne(definition, value, path);
        } else if (definition.isMultiValued()) {
            for (JsonNode element : value) {
                checkOne(definition, element, path);
            }
        } else {
            throw ScimException.invalidValue(path + " is single-valued and takes no list");
        }
    }

    private static void checkOne(AttributeDefinition definition, JsonNode value, String path) {
        if (value.isNull()) {
            return;
        }
        boolean fits = switch (definition.getType()) {
            case BOOLEAN -> value.isBoolean() || value.isTextual()
                    && ("true".equalsIgnoreCase(value.textValue()) || "false".equalsIgnoreCase(value.textValue()));
            case INTEGER -> value.isIntegralNumber() || value.isTextual() && isNumber(value.textValue(), true);
            case DECIMAL -> value.isNumber() || value.isTextual() && isNumber(value.textValue(), false);
            case COMPLEX -> value.isObject();
            default -> value.isTextual() || value.isNumber();
        };
        if (!fits) {
            throw ScimException.invalidValue(path + " must be " + article(definition.getType()));
        }
        if (value.isObject() && definition.getSubAttributes() != null) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                SchemaDefinition.subAttribute(definition, field.getKey())
                        .ifPresent(sub -> check(sub, field.getValue(), path + "." + sub.getName()));
            }
        }
    }

    private static boolean isNumber(String text, boolean integral) {
        try {
            BigDecimal number = new BigDecimal(text.trim());
            return !integral || number.stripTrailingZeros().scale() <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String article(AttributeDefinition.Type type) {
        return switch (type) {
            case BOOLEAN -> "a boolean";
            case INTEGER -> "an integer";
            case DECIMAL -> "a number";
            case COMPLEX -> "an object";
            case DATETIME -> "a dateTime string";
            case REFERENCE -> "a reference string";
            case BINARY -> "a base64 string";
            default -> "a string";
        };
    }
}
