package org.ldapscim.bridge.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ldapscim.bridge.scim.ScimException;

/**
 * The resource services as each client sees them ({@code auth.clients[].scopes}): a client with scopes gets
 * services over mappings narrowed to its base DNs, so nothing it asks for can reach an entry outside them; a
 * client without gets the services over the mappings as configured. Each client's bulk processor and search
 * across types work on its own services. Immutable and thread-safe.
 */
public final class ClientServices {
    private final View unscoped;
    private final Map<String, View> scoped = new HashMap<>();

    /** One client's services, with the bulk processor and the root search over them. */
    private record View(List<ResourceService> services, BulkProcessor bulk, RootSearch search) {
        View(List<ResourceService> services, int maxResults) {
            this(services, new BulkProcessor(services), new RootSearch(services, maxResults));
        }
    }

    ClientServices(List<ResourceService> unscoped, Map<String, List<ResourceService>> scoped, int maxResults) {
        this.unscoped = new View(unscoped, maxResults);
        scoped.forEach((client, services) -> this.scoped.put(client, new View(services, maxResults)));
    }

    /** The services of {@code client}, one per mapping in configuration order; null: those without scopes. */
    public List<ResourceService> of(String client) {
        return view(client).services();
    }

    /** The service of one resource type (by endpoint, e.g. {@code /Users}) as {@code client} sees it. */
    public ResourceService service(String client, String endpoint) {
        return of(client).stream().filter(s -> s.endpoint().equals(endpoint)).findFirst()
                .orElseThrow(() -> new ScimException(404, null, "no resource type at " + endpoint));
    }

    public BulkProcessor bulk(String client) {
        return view(client).bulk();
    }

    public RootSearch search(String client) {
        return view(client).search();
    }

    private View view(String client) {
        return client == null ? unscoped : scoped.getOrDefault(client, unscoped);
    }
}
