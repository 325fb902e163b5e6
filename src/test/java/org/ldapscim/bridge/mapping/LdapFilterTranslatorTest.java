package org.ldapscim.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ldapscim.bridge.scim.RequestLimits;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;

/**
 * SCIM filters (RFC 7644 §3.4.2.2) over the shipped demo mappings, translated to LDAP filters. Expected
 * values are UnboundID filters parsed from RFC 4515 text; {@link Filter#equals} ignores case and the order
 * of AND/OR components, so where the exact bytes matter the test compares {@link Filter#toString()} too.
 */
class LdapFilterTranslatorTest {
    /** Wide enough that the translator's own depth limit is what the nesting tests meet. */
    private static final RequestLimits LIMITS = new RequestLimits(4096, 64, 10_000, 100_000);
    private static final String BJENSEN_ID = "2819c223-7f76-453a-919d-413861904646";
    private static final String BJENSEN_DN = "uid=bjensen,ou=people,dc=example,dc=com";
    private static final String ADMINS_ID = "e9e30dba-f08f-4109-8486-d5c6a331660a";
    private static final String ADMINS_DN = "cn=Admins,ou=groups,dc=example,dc=com";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** What the translator writes for "no entry can match": every entry has an objectClass. */
    private static final String NONE = "(!(objectClass=*))";

    private static final ResourceMapping USERS = ShippedMappings.users("demo");
    private static final ResourceMapping GROUPS = ShippedMappings.groups("demo");
    private static final FakeReferences REFERENCES = new FakeReferences()
            .with("User", BJENSEN_ID, BJENSEN_DN, "Babs Jensen")
            .with("Group", ADMINS_ID, ADMINS_DN, "Admins");

    private static Filter users(String scimFilter) {
        return translate(USERS, scimFilter);
    }

    private static Filter translate(ResourceMapping mapping, String scimFilter) {
        return new LdapFilterTranslator(mapping, REFERENCES).translate(LIMITS.parseFilter(scimFilter));
    }

    private static Filter ldap(String rfc4515) {
        try {
            return Filter.create(rfc4515);
        } catch (LDAPException e) {
            throw new AssertionError("bad expected filter " + rfc4515, e);
        }
    }

    private static ScimException rejected(ResourceMapping mapping, String scimFilter) {
        ScimException e = assertThrows(ScimException.class, () -> translate(mapping, scimFilter));
        assertEquals(400, e.status(), e::getMessage);
        assertEquals(ScimType.invalidFilter, e.scimType(), e::getMessage);
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "userName eq \"bjensen\" -> (uid=bjensen)",
            "userName ne \"bjensen\" -> (!(uid=bjensen))",
            "userName co \"jen\" -> (uid=*jen*)",
            "userName sw \"bj\" -> (uid=bj*)",
            "userName ew \"sen\" -> (uid=*sen)",
            "userName pr -> (uid=*)",
            // LDAP has no strict ordering: gt is ge and not eq, lt is le and not eq.
            "userName gt \"m\" -> (&(uid>=m)(!(uid=m)))",
            "userName ge \"m\" -> (uid>=m)",
            "userName lt \"m\" -> (&(uid<=m)(!(uid=m)))",
            "userName le \"m\" -> (uid<=m)",
            // RFC 7644 §3.4.2.2: eq null matches resources without the attribute.
            "title eq null -> (!(title=*))",
            "title ne null -> (title=*)",
    })
    void everyOperatorTranslates(String scimFilter, String expected) {
        assertEquals(ldap(expected), users(scimFilter));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            // Precedence tests: not binds tighter than and, and tighter than or.
            "userName eq \"a\" or userName eq \"b\" and externalId eq \"c\" -> (|(uid=a)(&(uid=b)(scimExternalId=c)))",
            "userName eq \"a\" and userName eq \"b\" or externalId eq \"c\" -> (|(&(uid=a)(uid=b))(scimExternalId=c))",
            "(userName eq \"a\" or userName eq \"b\") and externalId eq \"c\" -> (&(|(uid=a)(uid=b))(scimExternalId=c))",
            "not (userName eq \"a\") and title pr -> (&(!(uid=a))(title=*))",
            "not (userName eq \"a\" or title pr) -> (!(|(uid=a)(title=*)))",
            "title pr and displayName pr and userName pr -> (&(title=*)(displayName=*)(uid=*))",
    })
    void andBindsTighterThanOr(String scimFilter, String expected) {
        assertEquals(ldap(expected), users(scimFilter));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "USERNAME Eq \"x\" AND externalid eq \"y\" -> (&(uid=x)(scimExternalId=y))",
            "userName EQ \"x\" OR NOT (TITLE PR) -> (|(uid=x)(!(title=*)))",
            "Name.GivenName SW \"Bar\" -> (givenName=Bar*)",
            "EMAILS[TYPE EQ \"Work\"] -> (mail=*)",
    })
    void attributeNamesAndOperatorsIgnoreCase(String scimFilter, String expected) {
        assertEquals(ldap(expected), users(scimFilter));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "name.givenName eq \"Barbara\" -> (givenName=Barbara)",
            "name.familyName sw \"J\" -> (sn=J*)",
            "name pr -> (|(givenName=*)(sn=*))",
            "emails.value eq \"bjensen@example.com\" -> (mail=bjensen@example.com)",
            "emails co \"@example.com\" -> (mail=*@example.com*)",
            "emails.type eq \"work\" -> (mail=*)",
            "emails.type eq \"home\" -> " + NONE,
            "emails[type eq \"work\" and value co \"@x\"] -> (&(mail=*)(mail=*@x*))",
            "emails[value ew \"@example.com\"] -> (mail=*@example.com)",
            "emails[type eq \"home\"] -> " + NONE,
            "emails[primary eq true] -> (mail=*)",
            "phoneNumbers.value sw \"+49\" -> (|(telephoneNumber=+49*)(mobile=+49*))",
            "phoneNumbers[type eq \"mobile\" and value sw \"+49\"] -> (&(mobile=*)(mobile=+49*))",
            "phoneNumbers.type eq \"mobile\" -> (mobile=*)",
    })
    void subAttributeAndValueFilterPathsReachTheirLdapAttributes(String scimFilter, String expected) {
        assertEquals(ldap(expected), users(scimFilter));
    }

    @Test
    void valueFilterMatchesSeveralSubAttributesOfOneElement() {
        // One work address is street, l, st and postalCode together: all of its conditions hold on one entry.
        assertEquals(ldap("(&(|(street=*)(l=*)(st=*)(postalCode=*))(l=Berlin)(postalCode=10115))"),
                users("addresses[type eq \"work\" and locality eq \"Berlin\" and postalCode eq \"10115\"]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            ENTERPRISE + ":employeeNumber eq \"701984\" -> (employeeNumber=701984)",
            "employeeNumber eq \"701984\" -> (employeeNumber=701984)",
            ENTERPRISE + ":department sw \"Tour\" -> (departmentNumber=Tour*)",
            ENTERPRISE + ":manager.value eq \"" + BJENSEN_ID + "\" -> (manager=" + BJENSEN_DN + ")",
            ENTERPRISE + ":manager eq \"" + BJENSEN_ID + "\" -> (manager=" + BJENSEN_DN + ")",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\" -> (uid=x)",
    })
    void urnQualifiedAttributesTranslate(String scimFilter, String expected) {
        assertEquals(ldap(expected), users(scimFilter));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "meta.lastModified gt \"2026-01-01T00:00:00Z\" -> "
                    + "(&(modifyTimestamp>=20260101000000.000Z)(!(modifyTimestamp=20260101000000.000Z)))",
            "meta.lastModified ge \"2026-01-01T00:00:00Z\" -> (modifyTimestamp>=20260101000000.000Z)",
            // An offset is converted to UTC, as GeneralizedTime ordering needs.
            "meta.created le \"2026-01-01T00:30:00+01:00\" -> (createTimestamp<=20251231233000.000Z)",
            "meta.created pr -> (createTimestamp=*)",
    })
    void metaTimesCompareAsGeneralizedTime(String scimFilter, String expected) {
        assertEquals(ldap(expected), users(scimFilter));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "meta.lastModified gt \"yesterday\"",
            "meta.lastModified gt 5",
            // Beyond the four-digit years of GeneralizedTime, and beyond what a java.util.Date holds.
            "meta.lastModified gt \"10000-01-01T00:00:00Z\"",
            "meta.lastModified gt \"-999999999-01-01T00:00:00Z\"",
            "meta.lastModified lt \"+999999999-12-31T23:59:59Z\"",
            "meta.created ge \"-0001-12-31T23:59:59Z\"",
            "meta.created co \"2026\"",
            "meta.version eq \"W/\\\"1\\\"\"",
            "meta.resourceType eq \"User\"",
    })
    void unusableMetaComparisonsAreInvalidFilters(String scimFilter) {
        rejected(USERS, scimFilter);
    }

    @Test
    void idComparesWithTheIdAttribute() {
        assertEquals(ldap("(entryUUID=" + BJENSEN_ID + ")"), users("id eq \"" + BJENSEN_ID + "\""));
        assertEquals(ldap("(!(entryUUID=" + BJENSEN_ID + "))"), users("id ne \"" + BJENSEN_ID + "\""));
        assertEquals(ldap("(objectClass=*)"), users("id pr"));
        rejected(USERS, "id sw \"2819\"");
        rejected(USERS, "id eq 42");
    }

    @Test
    void objectGuidIdsBecomeBinaryEqualityAndOtherIdsMatchNothing() {
        ResourceMapping adUsers = ShippedMappings.users("active-directory");
        Filter found = translate(adUsers, "id eq \"69daa3d3-e10f-421f-9ccc-b1c586444e14\"");
        assertEquals("objectGUID", found.getAttributeName());
        assertArrayEquals(HexFormat.of().parseHex("d3a3da690fe11f429cccb1c586444e14"), found.getAssertionValueBytes());
        assertEquals(ldap(NONE), translate(adUsers, "id eq \"bjensen\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "active eq false -> (pwdAccountLockedTime=*)",
            "active eq true -> (!(pwdAccountLockedTime=*))",
            "active ne true -> (pwdAccountLockedTime=*)",
            // Entra sends booleans as strings; filters accept them like PATCH values do.
            "active eq \"False\" -> (pwdAccountLockedTime=*)",
            "active eq \"TRUE\" -> (!(pwdAccountLockedTime=*))",
            // Every user is either active or not: active is always present.
            "active pr -> (objectClass=*)",
    })
    void activeIsTheAbsenceOfTheLock(String scimFilter, String expected) {
        assertEquals(ldap(expected), users(scimFilter));
    }

    @Test
    void activeIsTheAccountDisableBitInActiveDirectory() {
        ResourceMapping adUsers = ShippedMappings.users("active-directory");
        assertEquals(ldap("(userAccountControl:1.2.840.113556.1.4.803:=2)"), translate(adUsers, "active eq false"));
        assertEquals(ldap("(!(userAccountControl:1.2.840.113556.1.4.803:=2))"), translate(adUsers, "active eq true"));
    }

    @Test
    void aNegationInsideAValueFilterStillNeedsTheElement() {
        assertEquals(ldap("(&(mail=*)(!(mail=a)))"), translate(USERS, "emails[not (value eq \"a\")]"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"co", "sw", "ew"})
    void anEmptySubstringMeansTheAttributeHasAValue(String op) {
        assertEquals(ldap("(title=*)"), translate(USERS, "title " + op + " \"\""));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"active eq \"yes\"", "active eq 1", "active co \"t\"", "active gt false"})
    void activeTakesOnlyBooleansAndEquality(String scimFilter) {
        rejected(USERS, scimFilter);
    }

    @Test
    void membersCompareByTheDnOfTheReferencedResource() {
        assertEquals(ldap("(member=" + BJENSEN_DN + ")"), translate(GROUPS, "members.value eq \"" + BJENSEN_ID + "\""));
        assertEquals(ldap("(member=" + ADMINS_DN + ")"), translate(GROUPS, "members[value eq \"" + ADMINS_ID + "\"]"));
        assertEquals(ldap("(!(member=" + BJENSEN_DN + "))"), translate(GROUPS, "members ne \"" + BJENSEN_ID + "\""));
        assertEquals(ldap("(&(member=*)(!(member=cn=empty-group-placeholder,dc=example,dc=com)))"),
                translate(GROUPS, "members pr"), "a group holding only the placeholder is empty to SCIM");
        assertEquals(ldap("(cn=Admins)"), translate(GROUPS, "displayName eq \"Admins\""));
    }

    @Test
    void aMemberIdThatNamesNoResourceMatchesNothing() {
        assertEquals(ldap(NONE), translate(GROUPS, "members.value eq \"no-such-id\""));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "members.value co \"2819\"",
            "members.display eq \"Babs Jensen\"",
            "members.value eq 42",
    })
    void membersCannotBeComparedOtherwise(String scimFilter) {
        rejected(GROUPS, scimFilter);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "foo eq \"x\"",
            "nickName eq \"x\"",
            "name.middleName eq \"x\"",
            "name.foo eq \"x\"",
            "emails.foo eq \"x\"",
            "emails[foo eq \"x\"]",
            "emails[display eq \"x\"]",
            "emails[primary eq \"maybe\"]",
            "emails[name.givenName eq \"x\"]",
            "name.primary eq true",
            ENTERPRISE + ":costCenter eq \"x\"",
            "urn:example:unknown:2.0:User:userName eq \"x\"",
    })
    void unknownOrUnmappedAttributesAreInvalidFilters(String scimFilter) {
        rejected(USERS, scimFilter);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "password eq \"secret\"",
            "password pr",
            "groups.value eq \"" + ADMINS_ID + "\"",
            "groups pr",
            "userName eq \"x\" or password sw \"s\"",
    })
    void unsearchableAttributesAreInvalidFilters(String scimFilter) {
        rejected(USERS, scimFilter);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "",
            "userName",
            "userName eq",
            "userName eq \"x\" and",
            "(userName eq \"x\"",
            "userName xx \"x\"",
            "userName eq \"unterminated",
            "userName eq x",
            "and userName eq \"x\"",
    })
    void malformedFiltersAreInvalidFilters(String scimFilter) {
        rejected(USERS, scimFilter);
    }

    @Test
    void filtersNestedBeyondTheDepthLimitAreRefused() {
        assertEquals(ldap("(!(!(uid=x)))"), users(nested(2)));
        assertTrue(users(nested(30)).toString().startsWith("(!(!("));
        ScimException e = rejected(USERS, nested(40));
        assertTrue(e.detail().contains("deeper"), e.detail());
    }

    private static String nested(int levels) {
        return "not (".repeat(levels) + "userName eq \"x\"" + ")".repeat(levels);
    }

    @Test
    void filtersLongerThan4096CharactersAreRefused() {
        String justFits = "userName eq \"" + "a".repeat(4096 - 14) + "\"";
        assertEquals(4096, justFits.length());
        assertEquals(ldap("(uid=" + "a".repeat(4096 - 14) + ")"), users(justFits));
        String tooLong = "userName eq \"" + "a".repeat(4096 - 13) + "\"";
        ScimException e = rejected(USERS, tooLong);
        assertTrue(e.detail().contains("4096"), e.detail());
    }

    static Stream<Arguments> hostileValues() {
        return Stream.of(
                // SCIM filter (JSON string escapes), the value reaching LDAP, RFC 4515 text of the LDAP filter
                Arguments.of("userName eq \"*)(objectClass=*\"", "*)(objectClass=*", "(uid=\\2a\\29\\28objectClass=\\2a)"),
                Arguments.of("userName eq \"a\\\\b\"", "a\\b", "(uid=a\\5cb)"),
                Arguments.of("userName eq \"a\\u0000b\"", "a\u0000b", "(uid=a\\00b)"),
                Arguments.of("userName eq \"(\"", "(", "(uid=\\28)"),
                Arguments.of("userName eq \")\"", ")", "(uid=\\29)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void hostileValuesAreEscaped(String scimFilter, String rawValue, String expectedText) throws LDAPException {
        Filter translated = users(scimFilter);
        assertEquals(expectedText, translated.toString());
        assertEquals(rawValue, translated.getAssertionValue());
        // Parsing the text back gives the same single equality filter: nothing was injected.
        Filter reparsed = Filter.create(translated.toString());
        assertEquals(Filter.FILTER_TYPE_EQUALITY, reparsed.getFilterType());
        assertEquals(rawValue, reparsed.getAssertionValue());
    }

    @Test
    void hostileSubstringsAreEscaped() {
        assertEquals("(uid=*\\2a\\29\\28objectClass=\\2a*)", users("userName co \"*)(objectClass=*\"").toString());
        assertEquals("(mail=\\28\\5c*)", users("emails[value sw \"(\\\\\"]").toString());
        assertEquals("(uid=*\\00)", users("userName ew \"\\u0000\"").toString());
    }
}
