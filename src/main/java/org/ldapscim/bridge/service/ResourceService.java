package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.ldapscim.bridge.journal.DeprovisionRecord;
import org.ldapscim.bridge.journal.DeprovisionRecords;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.config.ResourceMappingConfig.IdFormat;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.ldap.PagedSearch;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.Projection;
import org.ldapscim.bridge.scim.RequestLimits;
import org.ldapscim.bridge.scim.ScimException;

/**
 * The SCIM use cases of one resource type (Users or Groups) over the directory, each write journaled.
 * The one place mapping, directory and journal meet. Thread-safe.
 */
public final class ResourceService {
    private static final int MAX_ATTEMPTS = 3;
    /** How long an unused cursor stays open (RFC 9865 {@code cursorTimeout}). */
    public static final int CURSOR_TIMEOUT_SECONDS = 120;
    /** At most this many cursor walks hold a directory connection at once; a new one closes the oldest. */
    public static final int MAX_OPEN_CURSORS = 16;
    /** At most this many index walks (imports paging by startIndex) hold a directory connection at once. */
    public static final int MAX_OPEN_INDEX_WALKS = 16;
    /** How long a count of matches is reused for totalResults while the bridge writes nothing. */
    public static final int COUNT_MAX_AGE_SECONDS = 30;

    private final ResourceMapping mapping;
    private final ResourceQueries queries;
    private final ResourceWrites writes;
    private final ResourcePatches patches;
    private final ResourceLocks locks;
    private final RequestLimits limits;
    private final Deprovisioning deprovisioning;
    private final TypeScope.Access access;

    ResourceService(ResourceContext context, int maxResults, RequestLimits limits, ResourceLocks locks,
                    Listing listing, Deprovisioning deprovisioning, TypeScope.Access access) {
        this.access = access;
        this.locks = locks;
        this.limits = limits;
        this.mapping = context.mapping;
        this.deprovisioning = deprovisioning;
        this.queries = new ResourceQueries(context, maxResults, limits, listing.cursors(), listing.walks(),
                listing.counts());
        this.writes = new ResourceWrites(context, locks, deprovisioning);
        this.patches = new ResourcePatches(context, writes);
    }

    /** One service per mapping, sharing a reference cache and the journal; clients follow the default policies. */
    public static List<ResourceService> forMappings(List<ResourceMapping> mappings, DirectoryClient directory,
                                                    JournalStore journal, int maxResults, RequestLimits limits) {
        return forMappings(mappings, directory, journal, Map.of(), maxResults, limits);
    }

    /**
     * One service per mapping, sharing a reference cache and the journal.
     *
     * @param clientPolicies client name to resource type to the deprovisioning policy its requests follow
     */
    public static List<ResourceService> forMappings(List<ResourceMapping> mappings, DirectoryClient directory,
                                                    JournalStore journal, Map<String, Map<String, String>> clientPolicies,
                                                    int maxResults, RequestLimits limits) {
        return forClients(mappings, directory, journal, clientPolicies, Map.of(), maxResults, limits).of(null);
    }

    /**
     * The services each client sees: one per mapping, narrowed to the client's scopes for a client that has them.
     * Every client's services share one reference cache, one set of write locks and one cursor registry, so two
     * clients writing one entry still take turns.
     *
     * @param clientPolicies client name to resource type to the deprovisioning policy its requests follow
     * @param scopes         client name to resource type to what it may do; a client not named has full access
     */
    public static ClientServices forClients(List<ResourceMapping> mappings, DirectoryClient directory,
                                            JournalStore journal, Map<String, Map<String, String>> clientPolicies,
                                            Map<String, Map<String, TypeScope>> scopes, int maxResults,
                                            RequestLimits limits) {
        ReferenceCache cache = new ReferenceCache(100_000, 60_000);
        if (mappings.stream().anyMatch(m -> m.id().format() == IdFormat.objectGUID)) {
            // Member and memberOf values then name their targets' ids (DirectoryReferences.resolveValues).
            directory.useExtendedDns();
        }
        JournalRecorder recorder = new JournalRecorder(journal);
        ResourceLocks locks = new ResourceLocks();
        Listing listing = new Listing(
                new CursorRegistry<>(MAX_OPEN_CURSORS, TimeUnit.SECONDS.toNanos(CURSOR_TIMEOUT_SECONDS), System::nanoTime),
                new IndexWalks(new CursorRegistry<>(MAX_OPEN_INDEX_WALKS,
                        TimeUnit.SECONDS.toNanos(CURSOR_TIMEOUT_SECONDS), System::nanoTime)),
                new MatchCounts(directory, TimeUnit.SECONDS.toNanos(COUNT_MAX_AGE_SECONDS), System::nanoTime));
        Shared shared = new Shared(directory, recorder, cache, locks, listing, DeprovisionRecords.of(journal),
                clientPolicies, maxResults, limits);
        Map<String, TypeScope> full = new HashMap<>();
        mappings.forEach(m -> full.put(m.name(), TypeScope.FULL));
        Map<String, List<ResourceService>> scoped = new HashMap<>();
        scopes.forEach((client, scope) -> {
            Map<String, TypeScope> complete = new HashMap<>();
            mappings.forEach(m -> complete.put(m.name(), scope.getOrDefault(m.name(), TypeScope.NONE)));
            scoped.put(client, shared.services(mappings, complete));
        });
        return new ClientServices(shared.services(mappings, full), scoped, maxResults);
    }

    /** What lists keep between requests, shared by every client: cursor walks, index walks and match counts. */
    record Listing(CursorRegistry<PagedSearch> cursors, IndexWalks walks, MatchCounts counts) {
    }

    /** What every client's services share, so that their writes to one entry serialise and their reads agree. */
    private record Shared(DirectoryClient directory, JournalRecorder recorder, ReferenceCache cache,
                          ResourceLocks locks, Listing listing, DeprovisionRecords records,
                          Map<String, Map<String, String>> clientPolicies, int maxResults, RequestLimits limits) {

        /** One service per mapping for a client with these scopes, its mappings narrowed to its base DNs. */
        List<ResourceService> services(List<ResourceMapping> mappings, Map<String, TypeScope> scope) {
            List<ResourceMapping> seen = mappings.stream().map(m -> narrowed(m, scope.get(m.name()))).toList();
            List<ResourceService> services = new ArrayList<>();
            for (int i = 0; i < seen.size(); i++) {
                ResourceMapping mapping = seen.get(i);
                TypeScope typeScope = scope.get(mapping.name());
                ResourceContext context = new ResourceContext(mapping, seen, directory, recorder, cache,
                        new WritableAttributes(mapping, typeScope.writableAttributes()), typeScope.baseDns() != null,
                        mappings.get(i).baseDns());
                services.add(new ResourceService(context, maxResults, limits, locks, listing,
                        new Deprovisioning(context, records, clientPolicies), typeScope.access()));
            }
            return List.copyOf(services);
        }

        private static ResourceMapping narrowed(ResourceMapping mapping, TypeScope scope) {
            return scope.baseDns() == null ? mapping : mapping.narrowedTo(scope.baseDns());
        }
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
        requireRead();
        return answered("reading " + mapping.name() + " " + id, () -> queries.get(id, projection, request));
    }

    public ListResult list(ListQuery query, RequestContext request) {
        requireRead();
        return answered("listing " + mapping.name(), () -> queries.list(query, request));
    }

    /**
     * A page of this type as one part of a search across all types (RFC 7644 §3.4.3): an attribute this type
     * lacks matches nothing here and its path is added to {@code unmapped}.
     */
    public ListResult listAsOneOfAllTypes(ListQuery query, RequestContext request, Set<String> unmapped) {
        requireRead();
        return answered("listing " + mapping.name(), () -> queries.list(query, request, unmapped));
    }

    /**
     * Creates a resource and answers it as {@code projection} shows it (RFC 7644 §3.9 applies to writes too);
     * the entry is read back with only the attributes shown, so excluding a large group's members spares the read.
     */
    public ObjectNode create(JsonNode body, Projection projection, RequestContext request) {
        requireWrite();
        return projection.apply(answered("creating " + mapping.name(),
                () -> writes.create(body, ResourceQueries.chosen(projection), request)));
    }

    public ObjectNode replace(String id, JsonNode body, Projection projection, RequestContext request) {
        requireWrite();
        return projection.apply(serialised(id,
                () -> writes.replace(id, body, ResourceQueries.chosen(projection), request)));
    }

    public ObjectNode patch(String id, JsonNode body, Projection projection, RequestContext request) {
        requireWrite();
        limits.requirePatchPaths(body);
        return projection.apply(serialised(id,
                () -> patches.patch(id, body, ResourceQueries.chosen(projection), request)));
    }

    public void delete(String id, RequestContext request) {
        requireWrite();
        serialised(id, () -> {
            writes.delete(id, request);
            return null;
        });
    }

    /** Whether the client these services are for may read this type at all. */
    public boolean readable() {
        return access != TypeScope.Access.NONE;
    }

    private void requireRead() {
        if (!readable()) {
            throw ScimException.forbidden("this client has no access to " + mapping.name() + "s");
        }
    }

    private void requireWrite() {
        requireRead();
        if (access != TypeScope.Access.WRITE) {
            throw ScimException.forbidden("this client may read " + mapping.name() + "s but not change them");
        }
    }

    /** The resource type's name, e.g. {@code User}. */
    public String resourceType() {
        return mapping.name();
    }

    /**
     * Applies an offboarding that the mass-change brake held, as an operator approved it; {@code request} names
     * the operator's decision in the journal.
     */
    public void approveHeld(DeprovisionRecord row, RequestContext request) {
        serialised(row.resourceId(), () -> {
            deprovisioning.approve(row, request);
            return null;
        });
    }

    /** One write at a time per resource here, run again from its read if the entry moves under it elsewhere. */
    private <T> T serialised(String id, Supplier<T> write) {
        return answered("writing " + mapping.name() + " " + id, () -> locks.holding(mapping.name(), id, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    return write.get();
                } catch (EntryMovedException moved) {
                    if (attempt == MAX_ATTEMPTS) {
                        throw ScimException.unavailable(
                                "the resource keeps changing under this request; retry", 1, moved);
                    }
                }
            }
        }));
    }

    /**
     * What {@code work} answers, with a directory failure it did not explain itself (a read before or after a
     * write, a reference lookup) turned into its SCIM error: 503 with Retry-After when the directory is down or
     * slow. Writes record their own failures in the journal before they get here.
     */
    private static <T> T answered(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (DirectoryException e) {
            throw DirectoryErrors.translate(e, what);
        }
    }
}
