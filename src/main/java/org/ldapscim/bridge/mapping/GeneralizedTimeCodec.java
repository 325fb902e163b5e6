package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.util.StaticUtils;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.ldapscim.bridge.scim.ScimException;

/** A SCIM dateTime (xsd:dateTime, RFC 7643 §2.3.5) kept as LDAP GeneralizedTime (RFC 4517 §3.3.13). */
final class GeneralizedTimeCodec implements ScalarCodec {
    /** GeneralizedTime has four-digit years; far outside them java.util.Date overflows. */
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

    @Override
    public List<JsonNode> read(Attribute attribute) {
        List<JsonNode> values = new ArrayList<>();
        if (attribute != null) {
            for (String value : attribute.getValues()) {
                Instant instant = parseLdap(value);
                if (instant != null) {
                    values.add(JsonNodeFactory.instance.textNode(instant.toString()));
                }
            }
        }
        return values;
    }

    @Override
    public Attribute write(String ldapName, List<JsonNode> values, Attribute current, String scimName) {
        List<String> texts = new ArrayList<>();
        for (JsonNode value : values) {
            texts.add(toLdap(value, scimName));
        }
        return new Attribute(ldapName, texts);
    }

    @Override
    public Filter filter(String ldapName, FilterType op, JsonNode value, String scimName) {
        LdapFilters.refuseSubstrings(op, scimName, "a dateTime");
        return LdapFilters.compare(ldapName, op, value == null ? null : toLdap(value, scimName), scimName);
    }

    static Instant parseLdap(String value) {
        try {
            return StaticUtils.decodeGeneralizedTime(value).toInstant();
        } catch (ParseException e) {
            return null;
        }
    }

    static String toLdap(JsonNode value, String scimName) {
        if (!value.isTextual()) {
            throw ScimException.invalidValue(scimName + " takes a dateTime such as 2026-01-31T12:00:00Z");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw ScimException.invalidValue(scimName + " takes a dateTime such as 2026-01-31T12:00:00Z");
        }
        if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            throw ScimException.invalidValue(scimName + " takes a dateTime from the year 0000 to 9999, the years"
                    + " GeneralizedTime can hold");
        }
        return StaticUtils.encodeGeneralizedTime(Date.from(instant));
    }
}
