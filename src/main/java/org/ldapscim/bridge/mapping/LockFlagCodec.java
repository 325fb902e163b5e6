package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.util.List;

/**
 * {@code active} as the absence of a lock attribute. Any value locks, whoever wrote it; the bridge
 * writes {@code lockedValue} to lock and removes the attribute to unlock.
 */
final class LockFlagCodec implements ScalarCodec {
    private final String lockedValue;

    LockFlagCodec(String lockedValue) {
        this.lockedValue = lockedValue;
    }

    @Override
    public List<JsonNode> read(Attribute attribute) {
        return List.of(BooleanNode.valueOf(attribute == null || !attribute.hasValue()));
    }

    @Override
    public Attribute write(String ldapName, List<JsonNode> values, Attribute current, String scimName) {
        if (values.isEmpty()) {
            // A resource that leaves active out says nothing about it: a lock the directory set after failed
            // binds stays, as BitFlagCodec keeps the flags.
            return current == null ? new Attribute(ldapName) : current;
        }
        boolean active = BooleanCodec.truth(values.get(0), scimName);
        if (active) {
            return new Attribute(ldapName);
        }
        // Keep an existing lock value (it may carry the time the directory locked the account).
        return current != null && current.hasValue() ? current : new Attribute(ldapName, lockedValue);
    }

    @Override
    public Filter filter(String ldapName, FilterType op, JsonNode value, String scimName) {
        LdapFilters.requireEqualityOnly(op, scimName);
        if (op == FilterType.PRESENT) {
            return LdapFilters.ALL;
        }
        boolean wantActive = BooleanCodec.truth(value, scimName) == (op == FilterType.EQUAL);
        Filter locked = Filter.createPresenceFilter(ldapName);
        return wantActive ? Filter.createNOTFilter(locked) : locked;
    }

    @Override
    public boolean sortsAsStored() {
        return false;
    }
}
