package org.ldapscim.bridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.scim.Projection;
import org.ldapscim.bridge.scim.RequestLimits;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.service.ListQuery;
import org.ldapscim.bridge.service.ListResult;
import org.ldapscim.bridge.service.ResourceService;

/** The HTTP face of one resource type: parse, call the service, render (RFC 7644 §3.2-§3.6). */
final class ResourceEndpoints {
    private final ResourceService service;
    private final RequestContexts contexts;
    private final RequestLimits limits;

    ResourceEndpoints(ResourceService service, RequestContexts contexts, RequestLimits limits) {
        this.service = service;
        this.contexts = contexts;
        this.limits = limits;
    }

    void register(RoutesConfig routes, String prefix) {
        String endpoint = prefix + service.endpoint();
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
                integer(ctx.queryParam("count"), "count"), projection(ctx));
        rejectSorting(ctx.queryParam("sortBy"));
        sendList(ctx, service.list(query, contexts.of(ctx)));
    }

    private void search(Context ctx) {
        JsonNode body = ScimJson.body(ctx);
        if (!body.isObject()) {
            throw ScimException.invalidSyntax("a search body is a SearchRequest object");
        }
        rejectSorting(text(member(body, "sortBy"), "sortBy"));
        String attributes = joined(member(body, "attributes"));
        String excluded = joined(member(body, "excludedAttributes"));
        limits.requirePaths(attributes);
        limits.requirePaths(excluded);
        Projection projection = projection(attributes, excluded);
        ListQuery query = new ListQuery(text(member(body, "filter"), "filter"),
                integer(member(body, "startIndex"), "startIndex"), integer(member(body, "count"), "count"), projection);
        sendList(ctx, service.list(query, contexts.of(ctx)));
    }

    private void get(Context ctx) {
        ScimJson.send(ctx, 200, service.get(ctx.pathParam("id"), projection(ctx), contexts.of(ctx)));
    }

    private void create(Context ctx) {
        ObjectNode created = service.create(ScimJson.body(ctx), contexts.of(ctx));
        ctx.header("Location", created.path("meta").path("location").asText());
        ctx.header("ETag", created.path("meta").path("version").asText());
        ScimJson.send(ctx, 201, projection(ctx).apply(created));
    }

    private void replace(Context ctx) {
        ObjectNode replaced = service.replace(ctx.pathParam("id"), ScimJson.body(ctx), contexts.of(ctx));
        ctx.header("ETag", replaced.path("meta").path("version").asText());
        ScimJson.send(ctx, 200, projection(ctx).apply(replaced));
    }

    private void patch(Context ctx) {
        ObjectNode patched = service.patch(ctx.pathParam("id"), ScimJson.body(ctx), contexts.of(ctx));
        ctx.header("ETag", patched.path("meta").path("version").asText());
        ScimJson.send(ctx, 200, projection(ctx).apply(patched));
    }

    private void delete(Context ctx) {
        service.delete(ctx.pathParam("id"), contexts.of(ctx));
        ctx.status(204);
        ctx.res().setContentType(null);
    }

    private Projection projection(Context ctx) {
        return projection(ctx.queryParam("attributes"), ctx.queryParam("excludedAttributes"));
    }

    private Projection projection(String attributes, String excludedAttributes) {
        return Projection.of(attributes, excludedAttributes, service.coreSchemaUrn());
    }

    private static void sendList(Context ctx, ListResult result) {
        ScimJson.sendList(ctx, result.totalResults(), result.startIndex(), result.resources());
    }

    /** Sorting is not offered (ServiceProviderConfig says so); RFC 7644 §3.4.2.3 lets a server refuse it. */
    static void rejectSorting(String sortBy) {
        if (sortBy != null && !sortBy.isBlank()) {
            throw new ScimException(400, org.ldapscim.bridge.scim.ScimType.invalidValue, "sorting is not supported");
        }
    }

    /** A SearchRequest member by its name in any case (RFC 7643 §2.1), or null. */
    static JsonNode member(JsonNode body, String name) {
        for (var field : body.properties()) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
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
