package org.ldapscim.bridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.scim.JsonMembers;
import org.ldapscim.bridge.scim.Projection;
import org.ldapscim.bridge.scim.RequestLimits;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.profile.PatchReply;
import org.ldapscim.bridge.service.ClientServices;
import org.ldapscim.bridge.service.ListQuery;
import org.ldapscim.bridge.service.ListResult;
import org.ldapscim.bridge.service.RequestContext;
import org.ldapscim.bridge.service.ResourceService;

/** The HTTP face of one resource type: parse, call the service, render (RFC 7644 §3.2-§3.6). */
final class ResourceEndpoints {
    private final ClientServices services;
    private final String endpoint;
    private final String coreSchemaUrn;
    private final RequestContexts contexts;
    private final RequestLimits limits;

    /** @param endpoint the resource type's path, e.g. {@code /Users}, whose service each request's client sees */
    ResourceEndpoints(ClientServices services, String endpoint, String coreSchemaUrn, RequestContexts contexts,
                      RequestLimits limits) {
        this.services = services;
        this.endpoint = endpoint;
        this.coreSchemaUrn = coreSchemaUrn;
        this.contexts = contexts;
        this.limits = limits;
    }

    /** The type's service as the authenticated client sees it: narrowed to its scope when it has one. */
    private ResourceService service(Context ctx) {
        return services.service(ctx.attribute(RequestContexts.CLIENT_ATTRIBUTE), endpoint);
    }

    void register(RoutesConfig routes, String prefix) {
        String endpoint = prefix + this.endpoint;
        routes.get(endpoint, this::list);
        routes.post(endpoint, this::create);
        routes.post(endpoint + "/.search", this::search);
        routes.get(endpoint + "/{id}", this::get);
        routes.put(endpoint + "/{id}", this::replace);
        routes.patch(endpoint + "/{id}", this::patch);
        routes.delete(endpoint + "/{id}", this::delete);
    }

    private void list(Context ctx) {
        ListQuery query = new ListQuery(ctx.queryParam("filter"), integer(ctx.queryParam("startIndex"), "startIndex"),
                integer(ctx.queryParam("count"), "count"), projection(ctx), ctx.queryParam("sortBy"),
                ctx.queryParam("sortOrder"), ctx.queryParam("cursor"));
        sendList(ctx, service(ctx).list(query, contexts.of(ctx)));
    }

    private void search(Context ctx) {
        JsonNode body = ScimJson.body(ctx);
        if (!body.isObject()) {
            throw ScimException.invalidSyntax("a search body is a SearchRequest object");
        }
        String attributes = joined(JsonMembers.get(body, "attributes"));
        String excluded = joined(JsonMembers.get(body, "excludedAttributes"));
        limits.requirePaths(attributes);
        limits.requirePaths(excluded);
        Projection projection = projection(attributes, excluded);
        ListQuery query = new ListQuery(text(JsonMembers.get(body, "filter"), "filter"),
                integer(JsonMembers.get(body, "startIndex"), "startIndex"),
                integer(JsonMembers.get(body, "count"), "count"), projection,
                text(JsonMembers.get(body, "sortBy"), "sortBy"), text(JsonMembers.get(body, "sortOrder"), "sortOrder"),
                text(JsonMembers.get(body, "cursor"), "cursor"));
        sendList(ctx, service(ctx).list(query, contexts.of(ctx)));
    }

    private void get(Context ctx) {
        RequestContext request = contexts.of(ctx);
        ObjectNode resource = service(ctx).get(ctx.pathParam("id"), projection(ctx), request);
        String version = resource.path("meta").path("version").asText(null);
        if (version != null) {
            request.preconditions().requireMatch(version);
            ctx.header("ETag", version);
            if (request.preconditions().notModified(version)) {
                // RFC 7232 §4.1: 304 carries the ETag and no body.
                ctx.status(304);
                ctx.res().setContentType(null);
                return;
            }
        }
        ScimJson.send(ctx, 200, resource);
    }

    private void create(Context ctx) {
        JsonNode body = ScimJson.body(ctx);
        ObjectNode created = service(ctx).create(body, projection(ctx), contexts.of(ctx, body));
        // RFC 7644 §3.3: a 201 names the resource even when the response leaves meta out.
        ctx.header("Location", contexts.baseUrl(ctx) + endpoint + "/" + created.path("id").asText());
        sendETag(ctx, created);
        ScimJson.send(ctx, 201, created);
    }

    private void replace(Context ctx) {
        JsonNode body = ScimJson.body(ctx);
        ObjectNode replaced = service(ctx).replace(ctx.pathParam("id"), body, projection(ctx), contexts.of(ctx, body));
        sendETag(ctx, replaced);
        ScimJson.send(ctx, 200, replaced);
    }

    private void patch(Context ctx) {
        JsonNode body = ScimJson.body(ctx);
        RequestContext request = contexts.of(ctx, body);
        boolean asksForAttributes = ctx.queryParam("attributes") != null
                || ctx.queryParam("excludedAttributes") != null;
        boolean noContent = request.profile().patchReply() == PatchReply.NO_CONTENT && !asksForAttributes;
        // A 204 shows nothing, so nothing but the id and meta is read back: no member list of a large group.
        Projection shown = noContent ? projection("meta", null) : projection(ctx);
        ObjectNode patched = service(ctx).patch(ctx.pathParam("id"), body, shown, request);
        sendETag(ctx, patched);
        if (noContent) {
            ctx.status(204);
            ctx.res().setContentType(null);
            return;
        }
        ScimJson.send(ctx, 200, patched);
    }

    private void delete(Context ctx) {
        service(ctx).delete(ctx.pathParam("id"), contexts.of(ctx));
        ctx.status(204);
        ctx.res().setContentType(null);
    }

    /** The resource's version as its ETag, unless the response leaves meta out (no empty header). */
    private static void sendETag(Context ctx, ObjectNode resource) {
        String version = resource.path("meta").path("version").asText("");
        if (!version.isEmpty()) {
            ctx.header("ETag", version);
        }
    }

    private Projection projection(Context ctx) {
        return projection(ctx.queryParam("attributes"), ctx.queryParam("excludedAttributes"));
    }

    private Projection projection(String attributes, String excludedAttributes) {
        return Projection.of(attributes, excludedAttributes, coreSchemaUrn);
    }

    private static void sendList(Context ctx, ListResult result) {
        ScimJson.sendList(ctx, result.totalResults(), result.startIndex(), result.nextCursor(), result.resources());
    }

    static Integer integer(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            // RFC 7644 §3.4.2.4: a count above what the server returns is not an error; clamp, don't refuse.
            long value = Long.parseLong(text.trim());
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer");
        }
    }

    static Integer integer(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return integer(node.asText(), name);
        }
        if (node.isTextual()) {
            return integer(node.textValue(), name);
        }
        throw ScimException.invalidValue(name + " must be an integer");
    }

    static String text(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ScimException.invalidValue(name + " must be a string");
        }
        return node.textValue();
    }

    static String joined(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (!node.isArray()) {
            throw ScimException.invalidValue("attributes and excludedAttributes are arrays of paths");
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ScimException.invalidValue("attributes and excludedAttributes are arrays of paths");
            }
            paths.add(item.textValue());
        }
        return String.join(",", paths);
    }
}
