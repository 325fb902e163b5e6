package org.ldapscim.bridge.scim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {
    private static final RequestLimits LIMITS = new RequestLimits(100, 3, 4, 20);

    private static ScimException refused(String filter) {
        ScimException e = assertThrows(ScimException.class, () -> LIMITS.parseFilter(filter));
        assertEquals(ScimType.invalidFilter, e.scimType());
        return e;
    }

    @Test
    void aFilterOfExactlyTheMaximumLengthParsesAndOneCharacterMoreIsRefused() {
        String fits = "userName eq \"" + "a".repeat(100 - 14) + "\"";
        assertEquals(100, fits.length());
        assertDoesNotThrow(() -> LIMITS.parseFilter(fits));
        assertTrue(refused(fits.replace("\"a", "\"aa")).detail().contains("longer than 100"));
    }

    @Test
    void nestingUpToTheDepthParsesAndOneLevelMoreIsRefused() {
        assertDoesNotThrow(() -> LIMITS.parseFilter("(((a eq 1)))"));
        assertTrue(refused("((((a eq 1))))").detail().contains("deeper than 3"));
        assertDoesNotThrow(() -> LIMITS.parseFilter("not (not (not (a eq 1)))"));
        refused("not (not (not (not (a eq 1))))");
        assertDoesNotThrow(() -> LIMITS.parseFilter("emails[type eq \"work\"]"));
    }

    @Test
    void parenthesesInsideStringsDoNotCountAsNesting() {
        assertDoesNotThrow(() -> LIMITS.parseFilter("a eq \"((((((\\\"((((\""));
    }

    @Test
    void andOrWithoutParenthesesStillCountsLogicalDepth() {
        RequestLimits shallow = new RequestLimits(100, 1, 10, 20);
        assertDoesNotThrow(() -> shallow.parseFilter("a eq 1 or b eq 2 or c eq 3"));
        ScimException e = assertThrows(ScimException.class, () -> shallow.parseFilter("a eq 1 or b eq 2 and c eq 3"));
        assertEquals(ScimType.invalidFilter, e.scimType());
    }

    @Test
    void clausesUpToTheMaximumParseAndOneMoreIsRefused() {
        assertDoesNotThrow(() -> LIMITS.parseFilter("a eq 1 or b eq 2 or c eq 3 or d eq 4"));
        assertTrue(refused("a eq 1 or b eq 2 or c eq 3 or d eq 4 or e eq 5").detail().contains("more than 4"));
    }

    @Test
    void hostileNestingIsRefusedByTheScanWithoutParsing() {
        String deep = String.join("", Collections.nCopies(1_000_000, "(")) + "a eq 1"
                + String.join("", Collections.nCopies(1_000_000, ")"));
        RequestLimits wide = new RequestLimits(10_000_000, 32, 200, 512);
        ScimException e = assertThrows(ScimException.class, () -> wide.parseFilter(deep));
        assertEquals(ScimType.invalidFilter, e.scimType());
        String deepNots = "not (".repeat(100_000) + "a eq 1" + ")".repeat(100_000);
        assertEquals(ScimType.invalidFilter, assertThrows(ScimException.class, () -> wide.parseFilter(deepNots)).scimType());
    }

    @Test
    void attributePathsAreLimitedInFiltersListsAndPatchOperations() throws Exception {
        String fits = "a".repeat(20);
        assertDoesNotThrow(() -> LIMITS.parseFilter(fits + " pr"));
        refused(fits + "a pr");
        assertDoesNotThrow(() -> LIMITS.requirePaths("userName, " + fits));
        ScimException e = assertThrows(ScimException.class, () -> LIMITS.requirePaths("userName," + fits + "a"));
        assertEquals(ScimType.invalidPath, e.scimType());
        var patch = new ObjectMapper().readTree("""
                {"Operations": [{"op": "add", "path": "%s"}, {"op": "add", "PATH": "%sa"}]}""".formatted(fits, fits));
        assertEquals(ScimType.invalidPath,
                assertThrows(ScimException.class, () -> LIMITS.requirePatchPaths(patch)).scimType());
    }

    @Test
    void unparsableFiltersAreInvalidFilter() {
        refused("userName eq");
        refused("(a eq 1");
    }
}
