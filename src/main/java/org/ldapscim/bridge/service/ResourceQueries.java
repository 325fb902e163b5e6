package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.LdapFilterTranslator;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.Projection;
import org.ldapscim.bridge.scim.RequestLimits;

/** Reading resources: one by id, or a filtered page of them (RFC 7644 §3.4). */
final class ResourceQueries {
    private final ResourceContext context;
    private final int maxResults;
    private final RequestLimits limits;

    ResourceQueries(ResourceContext context, int maxResults, RequestLimits limits) {
        this.context = context;
        this.maxResults = maxResults;
        this.limits = limits;
    }

    ObjectNode get(String id, Projection projection, RequestContext request) {
        Predicate<AttributeMapper> chosen = chosen(projection);
        Entry entry = context.require(id, chosen);
        try {
            return projection.apply(context.mapping.toScim(entry, chosen, context.references(request)));
        } catch (DirectoryException e) {
            throw DirectoryErrors.translate(e, "reading " + context.mapping.name() + " " + id);
        }
    }

    ListResult list(ListQuery query, RequestContext request) {
        return list(query, request, null);
    }

    /**
     * A page of this type's resources; with {@code unmapped} set, as one type of a search across all of them,
     * where an attribute this type lacks matches nothing and is added to the set.
     */
    ListResult list(ListQuery query, RequestContext request, Set<String> unmapped) {
        ResourceMapping mapping = context.mapping;
        DirectoryReferences references = context.references(request);
        int startIndex = query.startIndex() == null || query.startIndex() < 1 ? 1 : query.startIndex();
        int count = query.count() == null ? maxResults : Math.max(0, Math.min(query.count(), maxResults));
        try {
            Filter filter = mapping.searchFilter();
            if (query.filter() != null && !query.filter().isBlank()) {
                LdapFilterTranslator translator = unmapped == null ? new LdapFilterTranslator(mapping, references)
                        : LdapFilterTranslator.acrossTypes(mapping, references, unmapped);
                Filter translated = translator.translate(limits.parseFilter(query.filter()));
                // The request's own filter goes first: it is the selective part.
                filter = Filter.createANDFilter(translated, mapping.searchFilter());
            }
            Set<DN> matches = new LinkedHashSet<>();
            for (DN base : mapping.baseDns()) {
                matches.addAll(context.directory.searchDns(base, filter));
            }
            List<DN> all = new ArrayList<>(matches);
            int from = Math.min(startIndex - 1, all.size());
            int to = Math.min(from + count, all.size());
            Predicate<AttributeMapper> chosen = chosen(query.projection());
            Set<String> attributes = mapping.ldapAttributes(chosen);
            List<ObjectNode> page = new ArrayList<>();
            for (DN dn : all.subList(from, to)) {
                Entry entry = context.directory.read(dn, attributes.toArray(String[]::new));
                if (entry != null) {
                    page.add(query.projection().apply(mapping.toScim(entry, chosen, references)));
                }
            }
            return new ListResult(all.size(), startIndex, page);
        } catch (DirectoryException e) {
            throw DirectoryErrors.translate(e, "listing " + mapping.name() + "s");
        }
    }

    /** The mappers a projection shows, so that a read asks the directory for nothing more. */
    Predicate<AttributeMapper> chosen(Projection projection) {
        return mapper -> mapper.readable() && projection.shows(mapper.path().schemaUrn(), mapper.path().attribute());
    }

}
