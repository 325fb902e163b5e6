package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.util.List;

/**
 * A SCIM boolean kept in bits of an integer attribute. Writes change only those bits, so flags such as
 * Active Directory's DONT_EXPIRE_PASSWORD (0x10000) survive disabling and enabling an account.
 */
final class BitFlagCodec implements ScalarCodec {
    /** LDAP_MATCHING_RULE_BIT_AND, understood by Active Directory and Samba. */
    private static final String BIT_AND_RULE = "1.2.840.113556.1.4.803";

    private final long mask;
    private final boolean setMeans;
    private final long initial;

    BitFlagCodec(long mask, boolean setMeans, long initial) {
        this.mask = mask;
        this.setMeans = setMeans;
        this.initial = initial;
    }

    @Override
    public List<JsonNode> read(Attribute attribute) {
        Long flags = flags(attribute);
        if (flags == null) {
            return List.of();
        }
        boolean set = (flags & mask) == mask;
        return List.of(BooleanNode.valueOf(set == setMeans));
    }

    @Override
    public Attribute write(String ldapName, List<JsonNode> values, Attribute current, String scimName) {
        Long currentFlags = flags(current);
        long flags = currentFlags == null ? initial : currentFlags;
        if (values.isEmpty()) {
            // A new entry still starts from the initial flags (AD: NORMAL_ACCOUNT) when SCIM says nothing.
            return current != null ? current
                    : initial == 0 ? new Attribute(ldapName) : new Attribute(ldapName, Long.toString(initial));
        }
        boolean set = BooleanCodec.truth(values.get(0), scimName) == setMeans;
        long updated = set ? flags | mask : flags & ~mask;
        return new Attribute(ldapName, Long.toString(updated));
    }

    @Override
    public Filter filter(String ldapName, FilterType op, JsonNode value, String scimName) {
        LdapFilters.requireEqualityOnly(op, scimName);
        if (op == FilterType.PRESENT) {
            return Filter.createPresenceFilter(ldapName);
        }
        boolean wantSet = (BooleanCodec.truth(value, scimName) == (op == FilterType.EQUAL)) == setMeans;
        Filter bitsSet = Filter.createExtensibleMatchFilter(ldapName, BIT_AND_RULE, false, Long.toString(mask));
        return wantSet ? bitsSet : Filter.createNOTFilter(bitsSet);
    }

    private static Long flags(Attribute attribute) {
        if (attribute == null || attribute.getValue() == null) {
            return null;
        }
        try {
            return Long.parseLong(attribute.getValue().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public boolean sortsAsStored() {
        return false;
    }
}
