package org.ldapscim.bridge.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.schema.Schema;
import org.junit.jupiter.api.Test;

class OrderingRulesTest {
    /** The shapes OpenLDAP's core schema gives: uid and sn without ORDERING, createTimestamp with one. */
    private static final Schema SCHEMA = new Schema(new Entry("cn=schema",
            new com.unboundid.ldap.sdk.Attribute("attributeTypes",
                    "( 0.9.2342.19200300.100.1.1 NAME 'uid' EQUALITY caseIgnoreMatch "
                            + "SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )",
                    "( 2.5.4.41 NAME 'name' EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )",
                    "( 2.5.4.4 NAME 'sn' SUP name )",
                    "( 1.3.6.1.4.1.99999.1.1.1 NAME 'scimExternalId' EQUALITY caseExactMatch "
                            + "SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )",
                    "( 2.5.18.1 NAME 'createTimestamp' EQUALITY generalizedTimeMatch "
                            + "ORDERING generalizedTimeOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.24 )"),
            new com.unboundid.ldap.sdk.Attribute("matchingRules",
                    "( 2.5.13.2 NAME 'caseIgnoreMatch' SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )",
                    "( 2.5.13.5 NAME 'caseExactMatch' SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )")));

    private static SortKey one(SortKey key) {
        return new OrderingRules(SCHEMA).apply(new SortKey[] {key})[0];
    }

    @Test
    void aCaseIgnoringAttributeWithoutOrderingGetsCaseIgnoreOrdering() {
        SortKey key = one(new SortKey("uid", true));
        assertEquals("uid", key.getAttributeName());
        assertEquals(OrderingRules.CASE_IGNORE_ORDERING, key.getMatchingRuleID());
        assertTrue(key.reverseOrder());
    }

    @Test
    void anAttributeInheritingItsEqualityFromItsSuperiorIsOrderedToo() {
        assertEquals(OrderingRules.CASE_IGNORE_ORDERING, one(new SortKey("sn")).getMatchingRuleID());
    }

    @Test
    void aCaseExactAttributeGetsCaseExactOrdering() {
        assertEquals(OrderingRules.CASE_EXACT_ORDERING, one(new SortKey("scimExternalId")).getMatchingRuleID());
    }

    @Test
    void anAttributeWithItsOwnOrderingIsLeftAlone() {
        assertNull(one(new SortKey("createTimestamp")).getMatchingRuleID());
    }

    @Test
    void aKeyNamingARuleAndAnUnknownAttributeAreLeftAlone() {
        SortKey named = new SortKey("uid", "2.5.13.6", false);
        assertSame(named, one(named));
        assertNull(one(new SortKey("unknownAttribute")).getMatchingRuleID());
    }

    @Test
    void withoutASchemaNothingChanges() {
        SortKey[] keys = {new SortKey("uid")};
        assertSame(keys, new OrderingRules(null).apply(keys));
    }

    @Test
    void aLessOrEqualFilterWithoutOrderingBecomesLessByTheRuleOrEqual() throws Exception {
        assertEquals(Filter.create("(|(uid:2.5.13.3:=m)(uid=m))"), filter("(uid<=m)"));
    }

    @Test
    void aGreaterOrEqualFilterWithoutOrderingBecomesNotLessByTheRule() throws Exception {
        assertEquals(Filter.create("(&(scimExternalId=*)(!(scimExternalId:2.5.13.6:=m)))"),
                filter("(scimExternalId>=m)"));
    }

    @Test
    void orderingFiltersAreRewrittenInsideAndOrAndNotAndOthersAreLeftAlone() throws Exception {
        assertEquals(Filter.create("(&(objectClass=person)(!(|(sn:2.5.13.3:=b)(sn=b)))"
                        + "(createTimestamp>=20260101000000Z)(|(uid=x)(cn>=c)))"),
                filter("(&(objectClass=person)(!(sn<=b))(createTimestamp>=20260101000000Z)(|(uid=x)(cn>=c)))"));
    }

    @Test
    void withoutASchemaFiltersStayAsTheyAre() throws Exception {
        Filter filter = Filter.create("(uid>=m)");
        assertSame(filter, new OrderingRules(null).apply(filter));
    }

    private static Filter filter(String text) throws Exception {
        return new OrderingRules(SCHEMA).apply(Filter.create(text));
    }
}
