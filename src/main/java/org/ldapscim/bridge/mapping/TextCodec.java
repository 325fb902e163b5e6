package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.scim.ScimException;

/**
 * Strings as they are. Values written arrive typed by the request's IdP profile, which turns numbers sent for
 * strings into text where it allows them; a number in a filter comparison ({@code employeeNumber eq 1001}) is
 * compared as its text. Booleans, arrays and objects are refused.
 */
final class TextCodec implements ScalarCodec {

    @Override
    public List<JsonNode> read(Attribute attribute) {
        List<JsonNode> values = new ArrayList<>();
        if (attribute != null) {
            for (String value : attribute.getValues()) {
                values.add(JsonNodeFactory.instance.textNode(value));
            }
        }
        return values;
    }

    @Override
    public Attribute write(String ldapName, List<JsonNode> values, Attribute current, String scimName) {
        List<String> texts = new ArrayList<>();
        for (JsonNode value : values) {
            String text = text(value, scimName);
            text = normalised(text, scimName);
            if (!text.isEmpty() && !texts.contains(text)) {
                texts.add(text);
            }
        }
        return new Attribute(ldapName, texts);
    }

    @Override
    public Filter filter(String ldapName, FilterType op, JsonNode value, String scimName) {
        return LdapFilters.compare(ldapName, op, value == null ? null : text(value, scimName), scimName);
    }

    /**
     * Unicode in NFC, so "é" typed precomposed or as e plus an accent is one value, as the directory's
     * matching rules (which compare code points) would otherwise make two. Control characters other than
     * tab and line breaks, and unpaired surrogates, cannot be stored faithfully and are refused.
     */
    static String normalised(String text, String scimName) {
        text.codePoints().filter(c -> (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                        || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .findFirst().ifPresent(c -> {
                    throw ScimException.invalidValue(scimName + " holds a character that cannot be stored (U+"
                            + String.format("%04X", c) + ")");
                });
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
    }

    static String text(JsonNode value, String scimName) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.asText();
        }
        throw ScimException.invalidValue(scimName + " takes a string, not " + value.getNodeType().name().toLowerCase());
    }
}
