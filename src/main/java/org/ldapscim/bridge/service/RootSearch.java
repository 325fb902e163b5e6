package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ldapscim.bridge.scim.Projection;
import org.ldapscim.bridge.scim.ScimException;

/**
 * A search over every resource type at once, from the SCIM root (RFC 7644 §3.4.2.1, §3.4.3). The filter is
 * applied to each type: an attribute a type does not map matches nothing there, and is an error only when no
 * type maps it. Results are the types' results one after another in configuration order (Users, then Groups),
 * so pages are stable; {@code totalResults} is their sum. Thread-safe.
 *
 * <p>Example: {@code filter=displayName sw "Eng"} finds users and groups whose display name starts so.
 */
public final class RootSearch {
    private final List<ResourceService> services;
    private final int maxResults;

    /** @param services the client's services; a type it has no access to is left out of every answer */
    public RootSearch(List<ResourceService> services, int maxResults) {
        this.services = services.stream().filter(ResourceService::readable).toList();
        this.maxResults = maxResults;
    }

    /**
     * One page across all types.
     *
     * @param attributes the {@code attributes} list, or null; applied to each type with its own core schema
     * @param excludedAttributes the {@code excludedAttributes} list, or null
     */
    public ListResult search(String filter, Integer startIndex, Integer count, String attributes,
                             String excludedAttributes, RequestContext request) {
        int first = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int wanted = count == null ? maxResults : Math.max(0, Math.min(count, maxResults));
        int skip = first - 1;
        int total = 0;
        List<ObjectNode> page = new ArrayList<>();
        Set<String> unmappedEverywhere = null;
        for (ResourceService service : services) {
            Projection projection = Projection.of(attributes, excludedAttributes, service.coreSchemaUrn());
            Set<String> unmapped = new HashSet<>();
            int take = wanted - page.size();
            ListResult part = service.listAsOneOfAllTypes(new ListQuery(filter, skip + 1, take, projection), request,
                    unmapped);
            total += part.totalResults();
            page.addAll(part.resources());
            skip = Math.max(0, skip - part.totalResults());
            if (unmappedEverywhere == null) {
                unmappedEverywhere = unmapped;
            } else {
                unmappedEverywhere.retainAll(unmapped);
            }
        }
        if (unmappedEverywhere != null && !unmappedEverywhere.isEmpty()) {
            throw ScimException.invalidFilter("attribute '" + unmappedEverywhere.iterator().next()
                    + "' is not mapped for any resource type");
        }
        return new ListResult(total, first, page);
    }
}
