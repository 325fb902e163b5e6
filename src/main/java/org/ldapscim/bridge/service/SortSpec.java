package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.mapping.ScalarMapper;
import org.ldapscim.bridge.scim.ScimException;

/**
 * What {@code sortBy} / {@code sortOrder} (RFC 7644 §3.4.2.3) sort by in the directory: the one LDAP attribute
 * that holds the path. A path of a multi-valued complex attribute without a sub-attribute ({@code emails})
 * sorts by its {@code value}, taking the mapping of the primary element, else the first one mapped: the RFC
 * sorts such attributes by their primary or first value. Paths with no single LDAP attribute behind them
 * (references, passwords) or whose stored form sorts otherwise than the value (booleans kept as flags or
 * lock times) cannot be sorted by and are 400 invalidValue; unknown paths 400 invalidPath.
 *
 * <pre>{@code
 * SortSpec.of(users, "name.familyName", "descending").keys()   // sn, reversed
 * }</pre>
 */
record SortSpec(String ldapAttribute, boolean descending) {

    /** The sort of a request, or null when it asks for none. */
    static SortSpec of(ResourceMapping mapping, String sortBy, String sortOrder) {
        boolean descending = descending(sortOrder);
        if (sortBy == null || sortBy.isBlank()) {
            return null;
        }
        return new SortSpec(attributeFor(mapping, sortBy.trim()), descending);
    }

    /** The LDAP server-side sort keys (RFC 2891) of this sort. */
    SortKey[] keys() {
        return new SortKey[] {new SortKey(ldapAttribute, descending)};
    }

    /**
     * Orders entries' sort values as the directory would: case-insensitively, an entry without a value after
     * every entry with one (RFC 2891 §2), all reversed when descending.
     */
    Comparator<String> comparator() {
        Comparator<String> ascending = Comparator.nullsLast(
                Comparator.comparing((String value) -> value.toLowerCase(Locale.ROOT)));
        return descending ? ascending.reversed() : ascending;
    }

    private static boolean descending(String sortOrder) {
        if (sortOrder == null || sortOrder.isBlank() || sortOrder.trim().equalsIgnoreCase("ascending")) {
            return false;
        }
        if (sortOrder.trim().equalsIgnoreCase("descending")) {
            return true;
        }
        throw ScimException.invalidValue("sortOrder is ascending or descending");
    }

    private static String attributeFor(ResourceMapping mapping, String sortBy) {
        Path path;
        try {
            path = Path.fromString(sortBy);
        } catch (BadRequestException e) {
            throw ScimException.invalidPath("sortBy '" + sortBy + "' is not an attribute path");
        }
        if (path.size() == 0 || path.size() > 2 || path.getElement(0).getValueFilter() != null
                || (path.size() == 2 && path.getElement(1).getValueFilter() != null)) {
            throw ScimException.invalidPath("sortBy takes an attribute or sub-attribute path, without value filters");
        }
        String attribute = path.getElement(0).getAttribute();
        String sub = path.size() == 2 ? path.getElement(1).getAttribute() : null;
        String urn = path.getSchemaUrn() == null ? mapping.coreSchema().urn() : path.getSchemaUrn();
        boolean core = urn.equalsIgnoreCase(mapping.coreSchema().urn());
        if (core && attribute.equalsIgnoreCase("id") && sub == null) {
            return mapping.id().attribute();
        }
        if (core && attribute.equalsIgnoreCase("meta") && sub != null) {
            if (sub.equalsIgnoreCase("created")) {
                return mapping.meta().created();
            }
            if (sub.equalsIgnoreCase("lastModified")) {
                return mapping.meta().lastModified();
            }
        }
        List<AttributeMapper> mappers = mapping.mappersOf(urn, attribute).stream()
                .filter(m -> m.readable() && leafMatches(m, sub))
                .sorted(Comparator.comparing((AttributeMapper m) -> !m.primary()))
                .toList();
        if (mappers.isEmpty()) {
            throw ScimException.invalidPath("sortBy '" + sortBy + "' is not a mapped attribute of "
                    + mapping.name() + "s");
        }
        if (!(mappers.get(0) instanceof ScalarMapper scalar) || !scalar.codec().sortsAsStored()) {
            throw ScimException.invalidValue("cannot sort by '" + sortBy
                    + "': no single directory attribute holds its values");
        }
        return scalar.ldapAttribute();
    }

    /** Whether the mapper holds the sub-attribute asked for, or, with none asked for, the element's value. */
    private static boolean leafMatches(AttributeMapper mapper, String sub) {
        String mapped = mapper.path().subAttribute();
        if (sub == null) {
            return mapped == null || mapped.equalsIgnoreCase("value");
        }
        return mapped != null && mapped.equalsIgnoreCase(sub);
    }
}
