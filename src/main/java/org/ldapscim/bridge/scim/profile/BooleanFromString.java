package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.unboundid.scim2.common.types.AttributeDefinition;

/**
 * {@code "True"} / {@code "false"} in any case, sent for a boolean attribute, become JSON booleans. Entra
 * sends {@code "active": "False"} unless its aadOptscim062020 flag is set, and other IdPs copy it.
 */
public final class BooleanFromString implements ValueNormaliser {

    @Override
    public JsonNode normalise(AttributeDefinition definition, JsonNode value) {
        if (definition.getType() != AttributeDefinition.Type.BOOLEAN || !value.isTextual()) {
            return value;
        }
        String text = value.textValue().trim();
        if (text.equalsIgnoreCase("true")) {
            return BooleanNode.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return BooleanNode.FALSE;
        }
        return value;
    }
}
