package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ldapscim.bridge.scim.ScimException;

/**
 * The RDN of a new entry, e.g. {@code uid={userName}} or {@code cn={displayName}}. Values are escaped
 * by {@link EscapedRdn}, so {@code Müller, Jörg}, {@code a+b} or {@code a=b} make valid DNs.
 */
public final class RdnTemplate {
    private final List<String> attributeNames;
    private final List<ValueTemplate> values;

    private RdnTemplate(List<String> attributeNames, List<ValueTemplate> values) {
        this.attributeNames = attributeNames;
        this.values = values;
    }

    public static RdnTemplate parse(String source) {
        List<String> names = new ArrayList<>();
        List<ValueTemplate> values = new ArrayList<>();
        for (String component : source.split("\\+")) {
            int equals = component.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + source + "' is not of the form attribute={scimPath}");
            }
            names.add(component.substring(0, equals).trim());
            values.add(ValueTemplate.parse(component.substring(equals + 1)));
        }
        return new RdnTemplate(List.copyOf(names), List.copyOf(values));
    }

    public List<String> attributeNames() {
        return attributeNames;
    }

    public List<ValueTemplate> values() {
        return values;
    }

    /**
     * The value the template gives attribute {@code i} for a resource, or null when the resource has none of
     * the paths it takes.
     */
    public String value(int i, Function<String, String> lookup) {
        return values.get(i).render(lookup);
    }

    /** The SCIM paths a resource's RDN values come from, for telling a client why a name is taken. */
    public List<String> sources(Function<String, String> lookup) {
        List<String> sources = new ArrayList<>();
        values.forEach(value -> value.pathsUsed(lookup).stream().filter(p -> !sources.contains(p)).forEach(sources::add));
        return sources;
    }

    /** The DN of the new entry under {@code parent}; 400 invalidValue when a value it needs is missing. */
    public DN render(DN parent, Function<String, String> lookup) {
        String[] renderedValues = new String[values.size()];
        for (int i = 0; i < values.size(); i++) {
            renderedValues[i] = values.get(i).render(lookup);
            if (renderedValues[i] == null) {
                throw ScimException.invalidValue("a value for " + String.join(" or ", values.get(i).paths())
                        + " is required: it names the new entry");
            }
        }
        return EscapedRdn.under(EscapedRdn.of(attributeNames.toArray(String[]::new), renderedValues), parent);
    }
}
