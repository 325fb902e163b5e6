package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.ldapscim.bridge.scim.ScimException;

/**
 * SCIM {@code password} (returned: never, RFC 7643 §4.1.1): written, never read, never searched.
 * {@code unicodePwd} is Active Directory's form: the password in double quotes, UTF-16LE. With
 * {@code mustChangeAtNextLogon}, a password written comes with {@code pwdLastSet: 0} (see {@link #companion}).
 */
public record PasswordMapper(MappedPath path, AttributeDefinition definition, String ldapAttribute, boolean unicodePwd,
                             boolean mustChangeAtNextLogon) implements AttributeMapper {
    /** AD's time of the last password change; 0 means the user must change the password at the next logon. */
    static final String PWD_LAST_SET = "pwdLastSet";

    /** What must be written with a new password, or null: {@code pwdLastSet: 0} when the user must change it. */
    public Attribute companion() {
        return mustChangeAtNextLogon ? new Attribute(PWD_LAST_SET, "0") : null;
    }

    @Override
    public Set<String> readAttributes() {
        return Set.of();
    }

    @Override
    public String writtenAttribute() {
        return ldapAttribute;
    }

    @Override
    public List<JsonNode> read(Entry entry, ReferenceResolver references) {
        return List.of();
    }

    @Override
    public Attribute write(List<JsonNode> values, Entry current, ReferenceResolver references) {
        if (values.isEmpty()) {
            return null;
        }
        JsonNode value = values.get(0);
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw ScimException.invalidValue("password takes a non-empty string");
        }
        if (unicodePwd) {
            return new Attribute(ldapAttribute, ("\"" + value.textValue() + "\"").getBytes(StandardCharsets.UTF_16LE));
        }
        return new Attribute(ldapAttribute, value.textValue());
    }

    @Override
    public Filter filter(FilterType op, JsonNode value, String subAttribute, ReferenceResolver references) {
        throw ScimException.invalidFilter("password cannot be searched");
    }

    @Override
    public boolean searchable() {
        return false;
    }

    @Override
    public boolean readable() {
        return false;
    }
}
