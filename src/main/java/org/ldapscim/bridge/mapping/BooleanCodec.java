package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.util.List;
import org.ldapscim.bridge.scim.ScimException;

/** A SCIM boolean kept as one of two LDAP strings. */
final class BooleanCodec implements ScalarCodec {
    private final String trueValue;
    private final String falseValue;

    BooleanCodec(String trueValue, String falseValue) {
        this.trueValue = trueValue;
        this.falseValue = falseValue;
    }

    @Override
    public List<JsonNode> read(Attribute attribute) {
        if (attribute == null || attribute.getValue() == null) {
            return List.of();
        }
        return List.of(BooleanNode.valueOf(attribute.getValue().equalsIgnoreCase(trueValue)));
    }

    @Override
    public Attribute write(String ldapName, List<JsonNode> values, Attribute current, String scimName) {
        if (values.isEmpty()) {
            return new Attribute(ldapName);
        }
        return new Attribute(ldapName, truth(values.get(0), scimName) ? trueValue : falseValue);
    }

    @Override
    public Filter filter(String ldapName, FilterType op, JsonNode value, String scimName) {
        LdapFilters.requireEqualityOnly(op, scimName);
        if (op == FilterType.PRESENT) {
            return Filter.createPresenceFilter(ldapName);
        }
        boolean wanted = truth(value, scimName) == (op == FilterType.EQUAL);
        Filter isTrue = Filter.createEqualityFilter(ldapName, trueValue);
        return wanted ? isTrue : Filter.createNOTFilter(isTrue);
    }

    /**
     * Reads a SCIM boolean. Values written arrive typed by the request's IdP profile; the strings "true" and
     * "false" in any case remain accepted here for filter comparisons ({@code active eq "True"}), whose values
     * no profile rewrites.
     */
    static boolean truth(JsonNode value, String scimName) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue();
        }
        if (value != null && value.isTextual()) {
            if (value.textValue().equalsIgnoreCase("true")) {
                return true;
            }
            if (value.textValue().equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw ScimException.invalidValue(scimName + " takes true or false");
    }

    @Override
    public boolean sortsAsStored() {
        return false;
    }
}
