package org.ldapscim.bridge.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.service.Discovery;

/** {@code /ServiceProviderConfig}, {@code /ResourceTypes} and {@code /Schemas} (RFC 7644 §4), open to all. */
final class DiscoveryEndpoints {
    /** Where Microsoft's reference SCIM server, and tools and test suites built on it, look for the configuration. */
    static final String MICROSOFT_CONFIG_PATH = "/serviceConfiguration";
    static final List<String> PATHS = List.of("/ServiceProviderConfig", MICROSOFT_CONFIG_PATH, "/ResourceTypes", "/Schemas");

    private final Discovery discovery;
    private final RequestContexts contexts;

    DiscoveryEndpoints(Discovery discovery, RequestContexts contexts) {
        this.discovery = discovery;
        this.contexts = contexts;
    }

    void register(RoutesConfig routes, String prefix) {
        for (String path : PATHS) {
            routes.before(prefix + path, DiscoveryEndpoints::refuseFilter);
            routes.before(prefix + path + "/*", DiscoveryEndpoints::refuseFilter);
        }
        routes.get(prefix + "/ServiceProviderConfig",
                ctx -> ScimJson.send(ctx, 200, discovery.serviceProviderConfig(contexts.baseUrl(ctx))));
        routes.get(prefix + MICROSOFT_CONFIG_PATH,
                ctx -> ScimJson.send(ctx, 200, discovery.serviceProviderConfig(contexts.baseUrl(ctx))));
        routes.get(prefix + "/ResourceTypes", ctx -> sendAll(ctx, discovery.resourceTypes(contexts.baseUrl(ctx))));
        routes.get(prefix + "/ResourceTypes/{name}", ctx -> ScimJson.send(ctx, 200,
                discovery.resourceType(ctx.pathParam("name"), contexts.baseUrl(ctx))
                        .orElseThrow(() -> ScimException.notFound("ResourceType", ctx.pathParam("name")))));
        routes.get(prefix + "/Schemas", ctx -> sendAll(ctx, discovery.schemas(contexts.baseUrl(ctx))));
        routes.get(prefix + "/Schemas/{urn}", ctx -> ScimJson.send(ctx, 200,
                discovery.schema(ctx.pathParam("urn"), contexts.baseUrl(ctx))
                        .orElseThrow(() -> ScimException.notFound("Schema", ctx.pathParam("urn")))));
    }

    /**
     * RFC 7644 §4: these endpoints take no filter, and a client must not believe one was applied, so a filter is
     * answered 403.
     */
    private static void refuseFilter(Context ctx) {
        if (ctx.queryParam("filter") != null) {
            throw new ScimException(403, null, ctx.path() + " takes no filter (RFC 7644 §4)");
        }
    }

    private static void sendAll(Context ctx, List<ObjectNode> items) {
        ScimJson.sendList(ctx, items.size(), 1, items);
    }
}
