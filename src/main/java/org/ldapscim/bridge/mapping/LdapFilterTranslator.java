package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComparisonFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.filters.FilterVisitor;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.schema.SchemaDefinition;

/**
 * Translates a parsed SCIM filter (RFC 7644 §3.4.2.2) into an LDAP filter over one resource mapping.
 * Values reach LDAP only through UnboundID's filter factories, so they are always escaped. Paths the
 * mapping does not know, or marks unsearchable, are a 400 {@code invalidFilter}.
 *
 * <p>Example: {@code emails[type eq "work" and value co "@example.com"]} over a mapping of work e-mail
 * to {@code mail} becomes {@code (&(mail=*)(mail=*@example.com*))}.
 */
public final class LdapFilterTranslator implements FilterVisitor<Filter, LdapFilterTranslator.Scope> {
    private static final int MAX_DEPTH = 32;

    private final ResourceMapping mapping;
    private final ReferenceResolver references;
    private final Set<String> unmapped;

    /**
     * Where a comparison's attribute is looked up: the resource, or inside {@code attr[...]} the mappers of one
     * element (all mappings of {@code addresses[type eq "work"]} fill one address) among those of the attribute.
     */
    record Scope(List<AttributeMapper> element, List<AttributeMapper> attribute, int depth) {
        Scope deeper() {
            if (depth >= MAX_DEPTH) {
                throw ScimException.invalidFilter("filter nests deeper than " + MAX_DEPTH + " levels");
            }
            return new Scope(element, attribute, depth + 1);
        }
    }

    public LdapFilterTranslator(ResourceMapping mapping, ReferenceResolver references) {
        this(mapping, references, null);
    }

    private LdapFilterTranslator(ResourceMapping mapping, ReferenceResolver references, Set<String> unmapped) {
        this.mapping = mapping;
        this.references = references;
        this.unmapped = unmapped;
    }

    /**
     * A translator for a search over all resource types (RFC 7644 §3.4.3): an attribute this type does not map
     * matches nothing here instead of failing, and its path is added to {@code unmapped} so the caller can
     * refuse a path that no type maps.
     */
    public static LdapFilterTranslator acrossTypes(ResourceMapping mapping, ReferenceResolver references,
                                                   Set<String> unmapped) {
        return new LdapFilterTranslator(mapping, references, unmapped);
    }

    /** The LDAP filter for a SCIM filter over this resource type, without the type's own search filter. */
    public Filter translate(com.unboundid.scim2.common.filters.Filter scimFilter) {
        try {
            return scimFilter.visit(this, new Scope(null, null, 0));
        } catch (com.unboundid.scim2.common.exceptions.ScimException e) {
            throw ScimException.fromSdk(e);
        }
    }

    @Override
    public Filter visit(AndFilter filter, Scope scope) throws com.unboundid.scim2.common.exceptions.ScimException {
        List<Filter> all = each(filter.getCombinedFilters(), scope.deeper());
        return all.contains(LdapFilters.NONE) ? LdapFilters.NONE : Filter.createANDFilter(all);
    }

    @Override
    public Filter visit(OrFilter filter, Scope scope) throws com.unboundid.scim2.common.exceptions.ScimException {
        return any(each(filter.getCombinedFilters(), scope.deeper()));
    }

    @Override
    public Filter visit(NotFilter filter, Scope scope) throws com.unboundid.scim2.common.exceptions.ScimException {
        return Filter.createNOTFilter(filter.getInvertedFilter().visit(this, scope.deeper()));
    }

    private List<Filter> each(List<com.unboundid.scim2.common.filters.Filter> filters, Scope scope)
            throws com.unboundid.scim2.common.exceptions.ScimException {
        List<Filter> translated = new ArrayList<>();
        for (var component : filters) {
            translated.add(component.visit(this, scope));
        }
        return translated;
    }

    @Override
    public Filter visit(ComplexValueFilter filter, Scope scope) throws com.unboundid.scim2.common.exceptions.ScimException {
        if (scope.element() != null) {
            throw ScimException.invalidFilter("value filters cannot nest");
        }
        Target target = target(filter.getAttributePath(), null);
        List<Filter> perElement = new ArrayList<>();
        for (List<AttributeMapper> element : elements(target.mappers())) {
            Filter inner = filter.getValueFilter().visit(this, new Scope(element, target.mappers(), scope.depth() + 1));
            // attr[...] asks for an element that exists and matches: "not" inside it must not match its absence.
            perElement.add(negates(inner) ? Filter.createANDFilter(present(element), inner) : inner);
        }
        return any(perElement);
    }

    /** The mappers grouped by the JSON element they fill, in configuration order. */
    private static Collection<List<AttributeMapper>> elements(List<AttributeMapper> mappers) {
        Map<String, List<AttributeMapper>> elements = new LinkedHashMap<>();
        for (AttributeMapper mapper : mappers) {
            elements.computeIfAbsent(mapper.path().elementKey(), key -> new ArrayList<>()).add(mapper);
        }
        return elements.values();
    }

    /** The OR of the filters that can match anything; a branch that matches nothing is left out. */
    private static boolean negates(Filter filter) {
        if (filter.getFilterType() == Filter.FILTER_TYPE_NOT) {
            return !filter.equals(LdapFilters.NONE);
        }
        for (Filter component : filter.getComponents()) {
            if (negates(component)) {
                return true;
            }
        }
        return false;
    }

    private static Filter any(List<Filter> filters) {
        List<Filter> possible = filters.stream().filter(f -> !f.equals(LdapFilters.NONE)).toList();
        if (possible.isEmpty()) {
            return LdapFilters.NONE;
        }
        return possible.size() == 1 ? possible.get(0) : Filter.createORFilter(possible);
    }

    @Override
    public Filter visit(EqualFilter filter, Scope scope) {
        return compare(filter, FilterType.EQUAL, scope);
    }

    @Override
    public Filter visit(NotEqualFilter filter, Scope scope) {
        return compare(filter, FilterType.NOT_EQUAL, scope);
    }

    @Override
    public Filter visit(ContainsFilter filter, Scope scope) {
        return compare(filter, FilterType.CONTAINS, scope);
    }

    @Override
    public Filter visit(StartsWithFilter filter, Scope scope) {
        return compare(filter, FilterType.STARTS_WITH, scope);
    }

    @Override
    public Filter visit(EndsWithFilter filter, Scope scope) {
        return compare(filter, FilterType.ENDS_WITH, scope);
    }

    @Override
    public Filter visit(GreaterThanFilter filter, Scope scope) {
        return compare(filter, FilterType.GREATER_THAN, scope);
    }

    @Override
    public Filter visit(GreaterThanOrEqualFilter filter, Scope scope) {
        return compare(filter, FilterType.GREATER_OR_EQUAL, scope);
    }

    @Override
    public Filter visit(LessThanFilter filter, Scope scope) {
        return compare(filter, FilterType.LESS_THAN, scope);
    }

    @Override
    public Filter visit(LessThanOrEqualFilter filter, Scope scope) {
        return compare(filter, FilterType.LESS_OR_EQUAL, scope);
    }

    @Override
    public Filter visit(PresentFilter filter, Scope scope) {
        return comparison(filter.getAttributePath(), FilterType.PRESENT, null, scope);
    }

    private Filter compare(ComparisonFilter filter, FilterType op, Scope scope) {
        JsonNode value = filter.getComparisonValue();
        if (value == null || value.isNull()) {
            // RFC 7644 §3.4.2.2: "eq null" reads as "not present".
            if (op == FilterType.EQUAL) {
                return Filter.createNOTFilter(comparison(filter.getAttributePath(), FilterType.PRESENT, null, scope));
            }
            if (op == FilterType.NOT_EQUAL) {
                return comparison(filter.getAttributePath(), FilterType.PRESENT, null, scope);
            }
            throw ScimException.invalidFilter("null can only be compared with eq or ne");
        }
        return comparison(filter.getAttributePath(), op, value, scope);
    }

    private Filter comparison(Path path, FilterType op, JsonNode value, Scope scope) {
        if (scope.element() != null) {
            if (path.size() != 1 || path.getSchemaUrn() != null) {
                throw ScimException.invalidFilter("inside [...] only sub-attributes can be compared: " + path);
            }
            String sub = path.getElement(0).getAttribute();
            requireLeaf(scope.attribute(), sub);
            return elementComparison(scope.element(), sub, op, value);
        }
        String top = path.getElement(0).getAttribute();
        String sub = path.size() > 1 ? path.getElement(1).getAttribute() : null;
        if (path.getSchemaUrn() == null && top.equalsIgnoreCase("id")) {
            return idComparison(op, value);
        }
        if (path.getSchemaUrn() == null && top.equalsIgnoreCase("meta")) {
            return metaComparison(sub, op, value);
        }
        Target target = target(path, sub);
        requireLeaf(target.mappers(), sub);
        List<Filter> alternatives = new ArrayList<>();
        for (List<AttributeMapper> element : elements(target.mappers())) {
            alternatives.add(elementComparison(element, sub, op, value));
        }
        return any(alternatives);
    }

    /**
     * A comparison on one mapped element: the mappers among them whose leaf is {@code sub}. {@code type} and
     * {@code primary} are fixed by the mapping itself, so they hold for the whole element or for none of it.
     */
    private Filter elementComparison(List<AttributeMapper> element, String sub, FilterType op, JsonNode value) {
        AttributeMapper first = element.get(0);
        if (isTypeOf(first, sub)) {
            boolean holds = op == FilterType.PRESENT
                    || (op == FilterType.EQUAL) == (value.isTextual() && first.path().hasType(value.textValue()));
            return holds ? present(element) : LdapFilters.NONE;
        }
        if (isPrimaryOf(first, sub)) {
            boolean primary = element.stream().anyMatch(AttributeMapper::primary);
            boolean holds;
            try {
                holds = op == FilterType.PRESENT
                        || (op == FilterType.EQUAL) == (BooleanCodec.truth(value, "primary") == primary);
            } catch (ScimException e) {
                throw ScimException.invalidFilter(e.detail());
            }
            return holds ? present(element) : LdapFilters.NONE;
        }
        List<Filter> matches = new ArrayList<>();
        for (AttributeMapper mapper : element) {
            if (leafMatches(mapper, sub)) {
                requireSearchable(mapper);
                matches.add(mapper.filter(op, value, mapper.path().subAttribute() == null ? sub : null, references));
            }
        }
        return any(matches);
    }

    private Filter present(List<AttributeMapper> element) {
        List<Filter> present = new ArrayList<>();
        for (AttributeMapper mapper : element) {
            requireSearchable(mapper);
            present.add(mapper.filter(FilterType.PRESENT, null, null, references));
        }
        return any(present);
    }

    private static void requireSearchable(AttributeMapper mapper) {
        if (!mapper.searchable()) {
            throw ScimException.invalidFilter(mapper.path() + " is not searchable");
        }
    }

    private static boolean leafMatches(AttributeMapper mapper, String sub) {
        return mapper.path().subAttribute() == null || sub == null || mapper.path().subAttribute().equalsIgnoreCase(sub);
    }

    private static boolean isTypeOf(AttributeMapper mapper, String sub) {
        return sub != null && mapper.path().type() != null && sub.equalsIgnoreCase("type");
    }

    private static boolean isPrimaryOf(AttributeMapper mapper, String sub) {
        return sub != null && sub.equalsIgnoreCase("primary")
                && SchemaDefinition.subAttribute(mapper.definition(), "primary").isPresent();
    }

    /** A sub-attribute no mapping of the attribute holds is refused, like an unmapped attribute. */
    private void requireLeaf(List<AttributeMapper> mappers, String sub) {
        if (sub == null || mappers.isEmpty() || mappers.stream().anyMatch(m -> leafMatches(m, sub) || isTypeOf(m, sub) || isPrimaryOf(m, sub))) {
            return;
        }
        AttributeMapper first = mappers.get(0);
        boolean known = SchemaDefinition.subAttribute(first.definition(), sub).isPresent();
        throw ScimException.invalidFilter("attribute '" + first.path().attribute() + "." + sub + "' is not "
                + (known ? "mapped for " + mapping.name() + "s" : "a " + mapping.name() + " attribute"));
    }

    private Filter idComparison(FilterType op, JsonNode value) {
        if (op == FilterType.PRESENT) {
            return LdapFilters.ALL;
        }
        if ((op != FilterType.EQUAL && op != FilterType.NOT_EQUAL) || !value.isTextual()) {
            throw ScimException.invalidFilter("id can only be compared with eq or ne and a string");
        }
        Filter match = mapping.id().filterFor(value.textValue());
        Filter found = match == null ? LdapFilters.NONE : match;
        return op == FilterType.EQUAL ? found : Filter.createNOTFilter(found);
    }

    private Filter metaComparison(String sub, FilterType op, JsonNode value) {
        String ldapName;
        if ("lastModified".equalsIgnoreCase(sub)) {
            ldapName = mapping.meta().lastModified();
        } else if ("created".equalsIgnoreCase(sub)) {
            ldapName = mapping.meta().created();
        } else {
            throw ScimException.invalidFilter("only meta.created and meta.lastModified can be searched");
        }
        try {
            return new GeneralizedTimeCodec().filter(ldapName, op, value, "meta." + sub);
        } catch (ScimException e) {
            throw ScimException.invalidFilter(e.detail());
        }
    }

    private record Target(List<AttributeMapper> mappers) {
    }

    private Target target(Path path, String sub) {
        String attribute = path.getElement(0).getAttribute();
        String urn = path.getSchemaUrn() == null ? mapping.coreSchema().urn() : path.getSchemaUrn();
        if (path.getElement(0).getValueFilter() != null) {
            throw ScimException.invalidFilter("a value filter belongs in attribute[...] form: " + path);
        }
        List<AttributeMapper> mappers = new ArrayList<>(mapping.mappersOf(urn, attribute));
        if (mappers.isEmpty() && path.getSchemaUrn() == null) {
            for (SchemaDefinition extension : mapping.extensions()) {
                mappers.addAll(mapping.mappersOf(extension.urn(), attribute));
            }
        }
        if (mappers.isEmpty() && unmapped != null) {
            unmapped.add(path.withoutFilters().toString().toLowerCase(java.util.Locale.ROOT));
            return new Target(mappers);
        }
        if (mappers.isEmpty()) {
            throw ScimException.invalidFilter("attribute '" + path.withoutFilters() + "' is not "
                    + (known(urn, attribute) ? "mapped for " + mapping.name() + "s" : "a " + mapping.name()
                    + " attribute"));
        }
        return new Target(mappers);
    }

    private boolean known(String urn, String attribute) {
        if (mapping.coreSchema().urn().equalsIgnoreCase(urn) && mapping.coreSchema().attribute(attribute).isPresent()) {
            return true;
        }
        return mapping.extensions().stream()
                .anyMatch(e -> e.urn().equalsIgnoreCase(urn) && e.attribute(attribute).isPresent());
    }
}
