package org.ldapscim.bridge.mapping;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.util.Locale;

/**
 * The SCIM side of one mapping: an attribute of a schema, optionally narrowed to the element whose
 * {@code type} is given, optionally a sub-attribute. {@code emails[type eq "work"].value} reads as
 * attribute {@code emails}, type {@code work}, sub-attribute {@code value}.
 *
 * @param schemaUrn the schema the attribute belongs to
 * @param type the value of {@code type} that selects the element, or null
 * @param subAttribute the sub-attribute, or null for the whole attribute
 */
public record MappedPath(String schemaUrn, String attribute, String type, String subAttribute) {

    /** Parses a mapping's {@code scim:} key; unqualified names belong to {@code defaultUrn}. */
    public static MappedPath parse(String text, String defaultUrn) {
        Path path;
        try {
            path = Path.fromString(text);
        } catch (BadRequestException e) {
            throw new IllegalArgumentException("'" + text + "' is not a SCIM attribute path");
        }
        if (path.size() < 1 || path.size() > 2) {
            throw new IllegalArgumentException("'" + text + "' must name an attribute or one sub-attribute");
        }
        String urn = path.getSchemaUrn() == null ? defaultUrn : path.getSchemaUrn();
        Path.Element first = path.getElement(0);
        String type = first.getValueFilter() == null ? null : typeOf(first.getValueFilter(), text);
        String sub = path.size() == 2 ? path.getElement(1).getAttribute() : null;
        if (path.size() == 2 && path.getElement(1).getValueFilter() != null) {
            throw new IllegalArgumentException("'" + text + "': a sub-attribute cannot carry a value filter");
        }
        return new MappedPath(urn, first.getAttribute(), type, sub);
    }

    private static String typeOf(Filter filter, String text) {
        if (filter.getFilterType() != FilterType.EQUAL
                || !"type".equalsIgnoreCase(filter.getAttributePath().toString())
                || !filter.getComparisonValue().isTextual()) {
            throw new IllegalArgumentException("'" + text + "': only [type eq \"...\"] may select an element");
        }
        return filter.getComparisonValue().textValue();
    }

    public boolean hasAttribute(String urn, String name) {
        return schemaUrn.equalsIgnoreCase(urn) && attribute.equalsIgnoreCase(name);
    }

    public boolean hasType(String candidate) {
        return type != null && type.equalsIgnoreCase(candidate);
    }

    /** A key that is the same for mappings that fill the same JSON element. */
    public String elementKey() {
        return (schemaUrn + ":" + attribute + "[" + (type == null ? "" : type) + "]").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(attribute);
        if (type != null) {
            text.append("[type eq \"").append(type).append("\"]");
        }
        if (subAttribute != null) {
            text.append('.').append(subAttribute);
        }
        return text.toString();
    }
}
