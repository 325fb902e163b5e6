package org.ldapscim.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.scim.ScimException;

/** Active Directory's sAMAccountName rule as the shipped preset gives it, and the POSIX uid variant. */
class DerivedNameTest {
    private static final String AD_FORBIDDEN = "\"/\\[]:;|=,+*?<>@";
    private static final DerivedName SAM = new DerivedName("sAMAccountName", ValueTemplate.parse("{userName}"), "@",
            20, AD_FORBIDDEN, " .", false, false, List.of(dn("DC=example,DC=test")), 50);

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> candidates(DerivedName rule, String userName) {
        return rule.candidates(Map.of("userName", userName)::get);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "ann.lee@example.test | ann.lee",
            "'a\"b/c\\d[e]f:g;h|i=j,k+l*m?n<o>p@x' | abcdefghijklmnop",
            "' .ann. @example.test' | ann",
            "...ann... | ann",
            "jörg.müller@example.test | jörg.müller",
            "李小龍@example.test | 李小龍",
            "averyveryverylongfirstname.lastname@example.test | averyveryverylongfir",
            "nineteen-characters.x@example.test | nineteen-characters",
            "cn=Ann\\, Lee+sn=x@example.test | cnAnn Leesnx"})
    void theLocalPartWithoutWhatAdRefusesAtMostTwentyCharacters(String userName, String expected) {
        String name = candidates(SAM, userName).get(0);
        assertEquals(expected, name);
        assertTrue(name.length() <= 20, name);
    }

    @Test
    void controlAndFormatCharactersGo() {
        assertEquals("annlee", candidates(SAM, "ann\u0000\u0007\u001f\u007f\u0085\u200b\u00adlee@x").get(0));
    }

    @Test
    void theCounterFitsWithinTheLimitAndNeverLeavesADotBeforeIt() {
        List<String> names = candidates(SAM, "nineteen-characters.x@example.test");
        assertEquals(50, names.size());
        assertEquals(List.of("nineteen-characters", "nineteen-characters2", "nineteen-characters3"),
                names.subList(0, 3));
        assertEquals("nineteen-character10", names.get(9));
        assertEquals("nineteen-character50", names.get(49));
        assertTrue(names.stream().allMatch(n -> n.length() <= 20 && !n.endsWith(".")), names::toString);
        assertEquals(names.size(), names.stream().distinct().count());
        List<String> dotted = candidates(SAM, "abcdefghijklmnopqrs.tuvwxyz@x");
        assertEquals("abcdefghijklmnopqrs", dotted.get(0));
        assertEquals("abcdefghijklmnopqrs2", dotted.get(1));
        assertEquals("abcdefghijklmnopqr10", dotted.get(9));
    }

    @Test
    void aSurrogatePairIsNeverCutInHalf() {
        String name = candidates(SAM, "abcdefghijklmnopqrs\uD83D\uDE00tail@x").get(0);
        assertEquals("abcdefghijklmnopqrs", name);
        assertEquals("abcdefghijklmnopqr\uD83D\uDE00", candidates(SAM, "abcdefghijklmnopqr\uD83D\uDE00tail@x").get(0));
    }

    @Test
    void sixtyFourCharactersBecomeTwenty() {
        String sixtyFour = "x".repeat(64);
        assertEquals("x".repeat(20), candidates(SAM, sixtyFour + "@example.test").get(0));
        assertEquals("x".repeat(18) + "50", candidates(SAM, sixtyFour).get(49));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@example.test", "...@x", "\"/\\[]:;|=,+*?<>", " . . ", "\u200b\u0000"})
    void valuesThatCleanToNothingAre400(String userName) {
        ScimException e = assertThrows(ScimException.class, () -> candidates(SAM, userName));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("nothing usable for sAMAccountName"), e.getMessage());
    }

    @Test
    void aMissingValueIs400() {
        ScimException e = assertThrows(ScimException.class, () -> SAM.candidates(path -> null));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("userName is required"), e.getMessage());
    }

    @Test
    void aPosixUidFoldsAccentsAndDropsTheRest() {
        DerivedName uid = new DerivedName("uid", ValueTemplate.parse("{name.givenName}.{name.familyName}"), null, 32,
                " ,+\"\\<>;=#/", " .-", true, true, List.of(dn("dc=example,dc=com")), 5);
        Map<String, String> values = Map.of("name.givenName", "Jörg Ærø", "name.familyName", "Müller-李");
        assertEquals(List.of("jorgr.muller", "jorgr.muller2", "jorgr.muller3", "jorgr.muller4", "jorgr.muller5"),
                uid.candidates(values::get));
    }

    @Test
    void aNameThatNeedNotBeUniqueHasOneCandidate() {
        DerivedName plain = new DerivedName("employeeType", ValueTemplate.parse("{userName}"), null, 5, "", "",
                false, false, List.of(), 1);
        assertEquals(List.of("abcde"), candidates(plain, "abcdefgh"));
        assertEquals("(employeeType=a\\2a\\28\\29)", plain.takenFilter("a*()").toString());
    }
}
