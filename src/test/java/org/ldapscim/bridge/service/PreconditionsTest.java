package org.ldapscim.bridge.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;

class PreconditionsTest {
    private static final String VERSION = "W/\"3694e05e9dff590\"";

    @Test
    void noHeadersMeansUnconditional() {
        Preconditions none = Preconditions.of(null, null);
        assertFalse(none.any());
        assertFalse(none.notModified(VERSION));
        assertDoesNotThrow(() -> none.requireForWrite(VERSION));
    }

    @Test
    void ifMatchComparesWeaklyAndAcceptsAnyOfAList() {
        assertDoesNotThrow(() -> Preconditions.of(VERSION, null).requireForWrite(VERSION));
        assertDoesNotThrow(() -> Preconditions.of("\"3694e05e9dff590\"", null).requireForWrite(VERSION));
        assertDoesNotThrow(() -> Preconditions.of("W/\"other\", " + VERSION, null).requireForWrite(VERSION));
        assertDoesNotThrow(() -> Preconditions.of("*", null).requireForWrite(VERSION));
        ScimException stale = assertThrows(ScimException.class,
                () -> Preconditions.of("W/\"other\"", null).requireForWrite(VERSION));
        assertEquals(412, stale.status());
        assertNull(stale.scimType());
    }

    @Test
    void ifNoneMatchFailsAWriteToTheVersionItNamesAndAnswersAGetFromCache() {
        assertEquals(412, assertThrows(ScimException.class,
                () -> Preconditions.of(null, "*").requireForWrite(VERSION)).status());
        assertEquals(412, assertThrows(ScimException.class,
                () -> Preconditions.of(null, VERSION).requireForWrite(VERSION)).status());
        assertDoesNotThrow(() -> Preconditions.of(null, "W/\"other\"").requireForWrite(VERSION));
        assertTrue(Preconditions.of(null, VERSION).notModified(VERSION));
        assertFalse(Preconditions.of(null, "W/\"other\"").notModified(VERSION));
    }

    @Test
    void unquotedTagsAreInvalidValue() {
        for (String header : new String[] {"3694e05e9dff590", "W/3694", "\"a\"b\""}) {
            ScimException e = assertThrows(ScimException.class, () -> Preconditions.of(header, null), header);
            assertEquals(ScimType.invalidValue, e.scimType());
        }
    }
}
