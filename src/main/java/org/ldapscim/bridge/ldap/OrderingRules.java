package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.MatchingRuleDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Locale;
import java.util.Set;

/**
 * Names an ordering matching rule in the server-side sort keys (RFC 2891 §1.1 {@code orderingRule}) of
 * attributes whose schema gives them none. OpenLDAP defines no ORDERING for uid, cn, sn or mail and answers a
 * sort by them with inappropriateMatching (18) unless the key names one; with caseIgnoreOrderingMatch, or
 * caseExactOrderingMatch for a case-exact attribute, it sorts them as their equality rule compares them.
 * Keys that name a rule, and attributes the schema orders or does not know, are left as they are.
 *
 * <pre>{@code
 * new OrderingRules(schema).apply(new SortKey[] {new SortKey("uid")})   // uid:2.5.13.3
 * }</pre>
 */
final class OrderingRules {
    static final String CASE_IGNORE_ORDERING = "2.5.13.3";
    static final String CASE_EXACT_ORDERING = "2.5.13.6";
    private static final Set<String> CASE_EXACT_EQUALITY = Set.of("2.5.13.5", "caseexactmatch",
            "1.3.6.1.4.1.1466.109.114.1", "caseexactia5match");

    private final Schema schema;

    /** Rules from {@code schema}; a null schema leaves every key as it is. */
    OrderingRules(Schema schema) {
        this.schema = schema;
    }

    SortKey[] apply(SortKey[] keys) {
        if (keys == null || schema == null) {
            return keys;
        }
        SortKey[] applied = new SortKey[keys.length];
        for (int i = 0; i < keys.length; i++) {
            applied[i] = apply(keys[i]);
        }
        return applied;
    }

    private SortKey apply(SortKey key) {
        if (key.getMatchingRuleID() != null) {
            return key;
        }
        AttributeTypeDefinition type = schema.getAttributeType(key.getAttributeName());
        if (type == null || type.getOrderingMatchingRule(schema) != null) {
            return key;
        }
        return new SortKey(key.getAttributeName(), caseExact(type) ? CASE_EXACT_ORDERING : CASE_IGNORE_ORDERING,
                key.reverseOrder());
    }

    private boolean caseExact(AttributeTypeDefinition type) {
        String equality = type.getEqualityMatchingRule(schema);
        if (equality == null) {
            return false;
        }
        MatchingRuleDefinition rule = schema.getMatchingRule(equality);
        String id = rule == null ? equality : rule.getOID();
        return CASE_EXACT_EQUALITY.contains(id.toLowerCase(Locale.ROOT))
                || CASE_EXACT_EQUALITY.contains(equality.toLowerCase(Locale.ROOT));
    }
}
