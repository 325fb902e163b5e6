package org.ldapscim.bridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.ldapscim.bridge.scim.JsonMembers;
import org.ldapscim.bridge.scim.RequestLimits;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.service.ListResult;
import org.ldapscim.bridge.service.ClientServices;
import org.ldapscim.bridge.service.RootSearch;

/**
 * Queries at the SCIM root over all resource types: {@code GET /?filter=...} (RFC 7644 §3.4.2.1) and
 * {@code POST /.search} (§3.4.3), answered with one ListResponse.
 */
final class RootSearchEndpoints {
    private final ClientServices services;
    private final RequestContexts contexts;
    private final RequestLimits limits;

    RootSearchEndpoints(ClientServices services, RequestContexts contexts, RequestLimits limits) {
        this.services = services;
        this.contexts = contexts;
        this.limits = limits;
    }

    void register(RoutesConfig routes, String prefix) {
        routes.get(prefix, this::list);
        routes.post(prefix + "/.search", this::search);
    }

    private void list(Context ctx) {
        acrossTypesOnly(ctx.queryParam("sortBy"), ctx.queryParam("cursor"));
        RootSearch search = services.search(ctx.attribute(RequestContexts.CLIENT_ATTRIBUTE));
        send(ctx, search.search(ctx.queryParam("filter"),
                ResourceEndpoints.integer(ctx.queryParam("startIndex"), "startIndex"),
                ResourceEndpoints.integer(ctx.queryParam("count"), "count"),
                ctx.queryParam("attributes"), ctx.queryParam("excludedAttributes"), contexts.of(ctx)));
    }

    private void search(Context ctx) {
        JsonNode body = ScimJson.body(ctx);
        if (!body.isObject()) {
            throw ScimException.invalidSyntax("a search body is a SearchRequest object");
        }
        acrossTypesOnly(ResourceEndpoints.text(JsonMembers.get(body, "sortBy"), "sortBy"),
                ResourceEndpoints.text(JsonMembers.get(body, "cursor"), "cursor"));
        String attributes = ResourceEndpoints.joined(JsonMembers.get(body, "attributes"));
        String excluded = ResourceEndpoints.joined(JsonMembers.get(body, "excludedAttributes"));
        limits.requirePaths(attributes);
        limits.requirePaths(excluded);
        RootSearch search = services.search(ctx.attribute(RequestContexts.CLIENT_ATTRIBUTE));
        send(ctx, search.search(ResourceEndpoints.text(JsonMembers.get(body, "filter"), "filter"),
                ResourceEndpoints.integer(JsonMembers.get(body, "startIndex"), "startIndex"),
                ResourceEndpoints.integer(JsonMembers.get(body, "count"), "count"),
                attributes, excluded, contexts.of(ctx)));
    }

    /**
     * Users and Groups sort on different attributes and page with different directory searches, so a search
     * over both offers neither sorting nor cursors (RFC 7644 §3.4.2.3 lets a server refuse to sort).
     */
    private static void acrossTypesOnly(String sortBy, String cursor) {
        if (sortBy != null && !sortBy.isBlank()) {
            throw ScimException.invalidValue("a search across resource types cannot be sorted; sort per type");
        }
        if (cursor != null) {
            throw ScimException.invalidValue("a search across resource types pages by startIndex; cursors are per type");
        }
    }

    private static void send(Context ctx, ListResult result) {
        ScimJson.sendList(ctx, result.totalResults(), result.startIndex(), result.resources());
    }
}
