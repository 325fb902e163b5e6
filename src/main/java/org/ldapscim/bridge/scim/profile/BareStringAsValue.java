package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.types.AttributeDefinition;
import org.ldapscim.bridge.scim.schema.SchemaDefinition;

/**
 * A bare string sent for a single-valued complex attribute with a {@code value} sub-attribute becomes
 * {@code {"value": "..."}}. Entra sends the enterprise {@code manager} as the manager's id alone.
 */
public final class BareStringAsValue implements ValueNormaliser {

    @Override
    public JsonNode normalise(AttributeDefinition definition, JsonNode value) {
        if (definition.getType() != AttributeDefinition.Type.COMPLEX || definition.isMultiValued()
                || !value.isTextual() || SchemaDefinition.subAttribute(definition, "value").isEmpty()) {
            return value;
        }
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.set("value", value);
        return wrapped;
    }
}
