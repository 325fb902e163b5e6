package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.Projection;
import org.ldapscim.bridge.scim.RequestLimits;

/**
 * The SCIM use cases of one resource type (Users or Groups) over the directory, each write journaled.
 * The one place mapping, directory and journal meet. Thread-safe.
 */
public final class ResourceService {
    private static final int MAX_ATTEMPTS = 3;

    private final ResourceMapping mapping;
    private final ResourceQueries queries;
    private final ResourceWrites writes;
    private final ResourcePatches patches;
    private final ResourceLocks locks;
    private final RequestLimits limits;

    ResourceService(ResourceContext context, int maxResults, RequestLimits limits, ResourceLocks locks) {
        this.locks = locks;
        this.limits = limits;
        this.mapping = context.mapping;
        this.queries = new ResourceQueries(context, maxResults, limits);
        this.writes = new ResourceWrites(context);
        this.patches = new ResourcePatches(context, writes);
    }

    /** One service per mapping, sharing a reference cache and the journal. */
    public static List<ResourceService> forMappings(List<ResourceMapping> mappings, DirectoryClient directory,
                                                    JournalStore journal, int maxResults, RequestLimits limits) {
        ReferenceCache cache = new ReferenceCache(100_000, 60_000);
        JournalRecorder recorder = new JournalRecorder(journal);
        ResourceLocks locks = new ResourceLocks();
        return mappings.stream()
                .map(m -> new ResourceService(new ResourceContext(m, mappings, directory, recorder, cache), maxResults,
                        limits, locks))
                .toList();
    }

    /** The endpoint path, e.g. {@code /Users}. */
    public String endpoint() {
        return mapping.endpoint();
    }

    /** The URN of the resource type's core schema, for {@code attributes=} paths without one. */
    public String coreSchemaUrn() {
        return mapping.coreSchema().urn();
    }

    public ObjectNode get(String id, Projection projection, RequestContext request) {
        return queries.get(id, projection, request);
    }

    public ListResult list(ListQuery query, RequestContext request) {
        return queries.list(query, request);
    }

    /**
     * A page of this type as one part of a search across all types (RFC 7644 §3.4.3): an attribute this type
     * lacks matches nothing here and its path is added to {@code unmapped}.
     */
    public ListResult listAsOneOfAllTypes(ListQuery query, RequestContext request, Set<String> unmapped) {
        return queries.list(query, request, unmapped);
    }

    public ObjectNode create(JsonNode body, RequestContext request) {
        return writes.create(body, request);
    }

    public ObjectNode replace(String id, JsonNode body, RequestContext request) {
        return serialised(id, () -> writes.replace(id, body, request));
    }

    public ObjectNode patch(String id, JsonNode body, RequestContext request) {
        limits.requirePatchPaths(body);
        return serialised(id, () -> patches.patch(id, body, request));
    }

    public void delete(String id, RequestContext request) {
        serialised(id, () -> {
            writes.delete(id, request);
            return null;
        });
    }

    /** One write at a time per resource here, run again from its read if the entry moves under it elsewhere. */
    private <T> T serialised(String id, java.util.function.Supplier<T> write) {
        return locks.holding(mapping.name(), id, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    return write.get();
                } catch (EntryMovedException moved) {
                    if (attempt == MAX_ATTEMPTS) {
                        throw org.ldapscim.bridge.scim.ScimException.unavailable(
                                "the resource keeps changing under this request; retry", 1, moved);
                    }
                }
            }
        });
    }
}
