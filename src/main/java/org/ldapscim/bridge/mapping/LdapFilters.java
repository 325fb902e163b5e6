package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import org.ldapscim.bridge.scim.ScimException;

/**
 * LDAP filters for SCIM comparison operators, built only with UnboundID's factories so every value is
 * escaped as RFC 4515 requires.
 */
public final class LdapFilters {
    /** Matches no entry in any directory: every entry has an objectClass. */
    public static final Filter NONE = Filter.createNOTFilter(Filter.createPresenceFilter("objectClass"));
    /** Matches every entry. */
    public static final Filter ALL = Filter.createPresenceFilter("objectClass");

    private LdapFilters() {
    }

    /** RFC 7644 §3.4.2.2 operators over an attribute holding strings that order like the SCIM value. */
    public static Filter compare(String ldapName, FilterType op, String value, String scimName) {
        if (isSubstring(op) && value.isEmpty()) {
            // Every value contains, starts and ends with "": that is "has a value", and LDAP has no empty substring.
            return Filter.createPresenceFilter(ldapName);
        }
        return switch (op) {
            case EQUAL -> Filter.createEqualityFilter(ldapName, value);
            case NOT_EQUAL -> Filter.createNOTFilter(Filter.createEqualityFilter(ldapName, value));
            case CONTAINS -> Filter.createSubstringFilter(ldapName, null, new String[] {value}, null);
            case STARTS_WITH -> Filter.createSubstringFilter(ldapName, value, null, null);
            case ENDS_WITH -> Filter.createSubstringFilter(ldapName, null, null, value);
            case PRESENT -> Filter.createPresenceFilter(ldapName);
            case GREATER_OR_EQUAL -> Filter.createGreaterOrEqualFilter(ldapName, value);
            case LESS_OR_EQUAL -> Filter.createLessOrEqualFilter(ldapName, value);
            // LDAP has no strict ordering filters: "greater" is "greater or equal, and not equal".
            case GREATER_THAN -> Filter.createANDFilter(Filter.createGreaterOrEqualFilter(ldapName, value),
                    Filter.createNOTFilter(Filter.createEqualityFilter(ldapName, value)));
            case LESS_THAN -> Filter.createANDFilter(Filter.createLessOrEqualFilter(ldapName, value),
                    Filter.createNOTFilter(Filter.createEqualityFilter(ldapName, value)));
            default -> throw ScimException.invalidFilter("operator " + op + " cannot be used on " + scimName);
        };
    }

    static boolean isSubstring(FilterType op) {
        return op == FilterType.CONTAINS || op == FilterType.STARTS_WITH || op == FilterType.ENDS_WITH;
    }

    /** Refuses co, sw and ew on values that order but are no text, naming the {@code kind} of value. */
    static void refuseSubstrings(FilterType op, String scimName, String kind) {
        if (isSubstring(op)) {
            throw ScimException.invalidFilter(scimName + " is " + kind + ": use eq, ne, gt, ge, lt, le or pr");
        }
    }

    /** Refuses substring and ordering operators on attributes that only compare for equality. */
    public static void requireEqualityOnly(FilterType op, String scimName) {
        if (op != FilterType.EQUAL && op != FilterType.NOT_EQUAL && op != FilterType.PRESENT) {
            throw ScimException.invalidFilter("only eq, ne and pr apply to " + scimName);
        }
    }
}
