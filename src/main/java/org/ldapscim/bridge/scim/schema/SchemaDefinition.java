package org.ldapscim.bridge.scim.schema;

import com.unboundid.scim2.common.types.AttributeDefinition;
import java.util.List;
import java.util.Optional;

/** One SCIM schema: its URN, name and top-level attribute definitions. */
public record SchemaDefinition(String urn, String name, String description, List<AttributeDefinition> attributes) {

    public SchemaDefinition {
        attributes = List.copyOf(attributes);
    }

    /** The top-level attribute of that name, ignoring case as RFC 7643 §2.1 asks. */
    public Optional<AttributeDefinition> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.getName().equalsIgnoreCase(attributeName)).findFirst();
    }

    /** The sub-attribute of a complex attribute, ignoring case. */
    public static Optional<AttributeDefinition> subAttribute(AttributeDefinition parent, String subName) {
        if (parent.getSubAttributes() == null) {
            return Optional.empty();
        }
        return parent.getSubAttributes().stream().filter(a -> a.getName().equalsIgnoreCase(subName)).findFirst();
    }
}
