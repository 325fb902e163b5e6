package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.types.AttributeDefinition;

/**
 * A number sent for a string attribute becomes its decimal text: IdPs send employee numbers, postal codes
 * and phone extensions as JSON numbers when the source attribute is numeric.
 */
public final class TextFromNumber implements ValueNormaliser {

    @Override
    public JsonNode normalise(AttributeDefinition definition, JsonNode value) {
        if (definition.getType() != AttributeDefinition.Type.STRING || !value.isNumber()) {
            return value;
        }
        return TextNode.valueOf(value.isIntegralNumber() ? value.bigIntegerValue().toString()
                : value.decimalValue().toPlainString());
    }
}
