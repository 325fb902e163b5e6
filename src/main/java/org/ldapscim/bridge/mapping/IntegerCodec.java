package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.scim.ScimException;

/** A SCIM integer kept as a decimal LDAP string (RFC 4517 §3.3.16). */
final class IntegerCodec implements ScalarCodec {

    @Override
    public List<JsonNode> read(Attribute attribute) {
        List<JsonNode> values = new ArrayList<>();
        if (attribute != null) {
            for (String value : attribute.getValues()) {
                try {
                    values.add(LongNode.valueOf(Long.parseLong(value.trim())));
                } catch (NumberFormatException e) {
                    // A value the directory holds that is no integer is not shown rather than failing the read.
                }
            }
        }
        return values;
    }

    @Override
    public Attribute write(String ldapName, List<JsonNode> values, Attribute current, String scimName) {
        List<String> texts = new ArrayList<>();
        for (JsonNode value : values) {
            texts.add(Long.toString(number(value, scimName)));
        }
        return new Attribute(ldapName, texts);
    }

    @Override
    public Filter filter(String ldapName, FilterType op, JsonNode value, String scimName) {
        LdapFilters.refuseSubstrings(op, scimName, "an integer");
        return LdapFilters.compare(ldapName, op, value == null ? null : Long.toString(number(value, scimName)), scimName);
    }

    static long number(JsonNode value, String scimName) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException e) {
                throw ScimException.invalidValue(scimName + " takes an integer");
            }
        }
        throw ScimException.invalidValue(scimName + " takes an integer");
    }
}
