package org.ldapscim.bridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import org.ldapscim.bridge.service.Preconditions;
import org.ldapscim.bridge.service.RequestContext;

/** Builds the service's view of a request: its id, the authenticated client, the base URL, the IdP profile and
 * the preconditions. */
final class RequestContexts {
    static final String CLIENT_ATTRIBUTE = "bridge.client";

    private final String publicBaseUrl;
    private final String prefix;
    private final ClientProfiles profiles;

    /** @param publicBaseUrl the configured external URL, or null to use the request's own scheme and host */
    RequestContexts(String publicBaseUrl, String prefix, ClientProfiles profiles) {
        this.publicBaseUrl = publicBaseUrl == null ? null : stripSlash(publicBaseUrl);
        this.prefix = prefix;
        this.profiles = profiles;
    }

    /** A request without a body. */
    RequestContext of(Context ctx) {
        return of(ctx, null);
    }

    /** A request with this parsed body, whose shape may tell which IdP sent it. */
    RequestContext of(Context ctx, JsonNode body) {
        String client = ctx.attribute(CLIENT_ATTRIBUTE);
        return new RequestContext(RequestIds.of(ctx), client == null ? "anonymous" : client, baseUrl(ctx),
                profiles.profileFor(client, ctx.userAgent(), body),
                Preconditions.of(ctx.header("If-Match"), ctx.header("If-None-Match")), RequestIds.offered(ctx));
    }

    String baseUrl(Context ctx) {
        String root = publicBaseUrl != null ? publicBaseUrl : ctx.scheme() + "://" + ctx.host();
        return root + prefix;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
