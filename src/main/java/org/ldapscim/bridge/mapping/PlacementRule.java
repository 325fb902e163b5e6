package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a new entry goes by one of its SCIM values, e.g. the enterprise {@code department}: the parent a value
 * map names for it, else a DN template with the value in, else the mapping's default parent. Every parent it
 * can give lies under one of the mapping's base DNs ({@link MappingCompiler} checks). Immutable.
 */
public final class PlacementRule {
    private final String by;
    private final Map<String, DN> parents;
    private final ValueTemplate template;

    /** @param parents by value in lower case (Locale.ROOT) */
    PlacementRule(String by, Map<String, DN> parents, ValueTemplate template) {
        this.by = by;
        this.parents = Map.copyOf(parents);
        this.template = template;
    }

    /** The SCIM path whose value places the entry. */
    public String by() {
        return by;
    }

    /**
     * The parents to put an entry with this value under, best first, without the default parent: the mapped
     * one, then the templated one, which the caller uses only if it exists. Empty for no value or no match.
     */
    public List<DN> parentsFor(String value) {
        List<DN> candidates = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return candidates;
        }
        DN mapped = parents.get(value.toLowerCase(Locale.ROOT));
        if (mapped != null) {
            candidates.add(mapped);
        }
        if (template != null) {
            DN templated = render(template, value);
            if (templated != null) {
                candidates.add(templated);
            }
        }
        return candidates;
    }

    /** The template's DN with {@code value} escaped as an RDN value, so it cannot add or change RDNs; or null. */
    static DN render(ValueTemplate template, String value) {
        String escaped = EscapedRdn.escape(value);
        try {
            return new DN(template.render(path -> escaped));
        } catch (LDAPException e) {
            return null;
        }
    }
}
