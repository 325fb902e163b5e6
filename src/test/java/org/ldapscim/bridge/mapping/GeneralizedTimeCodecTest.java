package org.ldapscim.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;

/** SCIM dateTime values written as GeneralizedTime, as PUT and PATCH of a generalizedTime attribute write them. */
class GeneralizedTimeCodecTest {
    private final GeneralizedTimeCodec codec = new GeneralizedTimeCodec();

    @Test
    void aTimeIsWrittenInUtcWithMillisecondsAndReadBack() {
        assertEquals("20260131110000.000Z", write("2026-01-31T12:00:00+01:00"));
        assertEquals("99991231235959.999Z", write("9999-12-31T23:59:59.999Z"));
        assertEquals(List.of(new TextNode("2026-01-31T11:00:00Z")), codec.read(new com.unboundid.ldap.sdk.Attribute(
                "x", write("2026-01-31T12:00:00+01:00"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999Z"})
    void aTimeOutsideTheFourDigitYearsIsAnInvalidValue(String time) {
        ScimException e = assertThrows(ScimException.class, () -> write(time));
        assertEquals(400, e.status());
        assertEquals(ScimType.invalidValue, e.scimType());
    }

    private String write(String time) {
        JsonNode value = new TextNode(time);
        return codec.write("x", List.of(value), null, "urn:x:when").getValue();
    }
}
