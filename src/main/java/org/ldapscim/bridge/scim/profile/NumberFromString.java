package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.math.BigDecimal;

/**
 * {@code "42"} sent for an integer or decimal attribute becomes the number. IdPs whose attribute mappings
 * carry everything as text (Okta's and PingOne's custom attributes) send numbers this way.
 */
public final class NumberFromString implements ValueNormaliser {

    @Override
    public JsonNode normalise(AttributeDefinition definition, JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        String text = value.textValue().trim();
        try {
            if (definition.getType() == AttributeDefinition.Type.INTEGER && text.matches("[+-]?[0-9]{1,18}")) {
                return LongNode.valueOf(Long.parseLong(text));
            }
            if (definition.getType() == AttributeDefinition.Type.DECIMAL && text.length() <= 64) {
                return DecimalNode.valueOf(new BigDecimal(text));
            }
        } catch (NumberFormatException e) {
            return value;
        }
        return value;
    }
}
