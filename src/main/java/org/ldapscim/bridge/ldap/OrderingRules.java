package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.MatchingRuleDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Locale;
import java.util.Set;

/**
 * Names an ordering matching rule where OpenLDAP needs one: for attributes whose schema gives them no ORDERING,
 * in server-side sort keys (RFC 2891 §1.1 {@code orderingRule}) and in {@code >=}/{@code <=} filters.
 * slapd defines no ORDERING for uid, cn, sn or mail; it answers a sort by them with inappropriateMatching (18)
 * unless the key names a rule, and evaluates {@code (uid>=m)} to Undefined, so the filter silently matches
 * nothing. With caseIgnoreOrderingMatch, or caseExactOrderingMatch for a case-exact attribute, it orders them
 * as their equality rule compares them.
 *
 * <p>A filter cannot name a rule in an ordering filter, only in an extensible match, and an extensible match
 * with an ordering rule is TRUE where the attribute value is less than the assertion (RFC 4511 §4.5.1.7.7,
 * RFC 4517 §4.2.3): so {@code (uid<=m)} becomes {@code (|(uid:2.5.13.3:=m)(uid=m))} and {@code (uid>=m)}
 * becomes {@code (&(uid=*)(!(uid:2.5.13.3:=m)))}. That second form asks that no value be less, which is the
 * filter's meaning for an entry with one value, as the bridge writes single-valued SCIM attributes; an entry
 * holding several values of the attribute matches only when all of them are at least the assertion.
 *
 * <p>Keys and filters that name a rule, and attributes the schema orders or does not know, are left as they
 * are. 389-DS and Active Directory order such attributes by their syntax and refuse sort keys that name a rule
 * (389: operationsError), so a directory other than slapd gets no rules from here.
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

    /** {@code filter} with every ordering comparison on an attribute without ORDERING made an extensible match. */
    Filter apply(Filter filter) {
        if (filter == null || schema == null) {
            return filter;
        }
        return switch (filter.getFilterType()) {
            case Filter.FILTER_TYPE_AND -> Filter.createANDFilter(applyAll(filter.getComponents()));
            case Filter.FILTER_TYPE_OR -> Filter.createORFilter(applyAll(filter.getComponents()));
            case Filter.FILTER_TYPE_NOT -> Filter.createNOTFilter(apply(filter.getNOTComponent()));
            case Filter.FILTER_TYPE_GREATER_OR_EQUAL, Filter.FILTER_TYPE_LESS_OR_EQUAL -> ordering(filter);
            default -> filter;
        };
    }

    private Filter[] applyAll(Filter[] components) {
        Filter[] applied = new Filter[components.length];
        for (int i = 0; i < components.length; i++) {
            applied[i] = apply(components[i]);
        }
        return applied;
    }

    private Filter ordering(Filter filter) {
        String rule = missingRule(filter.getAttributeName());
        if (rule == null) {
            return filter;
        }
        String attribute = filter.getAttributeName();
        byte[] value = filter.getAssertionValueBytes();
        Filter less = Filter.createExtensibleMatchFilter(attribute, rule, false, value);
        if (filter.getFilterType() == Filter.FILTER_TYPE_LESS_OR_EQUAL) {
            return Filter.createORFilter(less, Filter.createEqualityFilter(attribute, value));
        }
        return Filter.createANDFilter(Filter.createPresenceFilter(attribute), Filter.createNOTFilter(less));
    }

    /** The rule to name for {@code attribute}, or null where its schema orders it or does not know it. */
    private String missingRule(String attribute) {
        AttributeTypeDefinition type = schema.getAttributeType(attribute);
        if (type == null || type.getOrderingMatchingRule(schema) != null) {
            return null;
        }
        return caseExact(type) ? CASE_EXACT_ORDERING : CASE_IGNORE_ORDERING;
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
        String rule = missingRule(key.getAttributeName());
        return rule == null ? key : new SortKey(key.getAttributeName(), rule, key.reverseOrder());
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
