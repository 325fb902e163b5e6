package org.ldapscim.bridge.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import org.ldapscim.bridge.auth.BearerAuthenticator;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.scim.RequestLimits;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.service.BulkProcessor;
import org.ldapscim.bridge.service.Discovery;
import org.ldapscim.bridge.service.ResourceService;
import org.ldapscim.bridge.service.RootSearch;

/**
 * The Javalin server under {@code /scim/v2}, and the {@link WatchEndpoints} beside it: authentication, request
 * ids, routing and the single error handler. Only parses, authenticates and renders; everything else is the
 * services' work.
 */
public final class ScimServer implements AutoCloseable {
    public static final String PREFIX = "/scim/v2";

    private final Javalin app;
    private final WatchEndpoints watch;

    private ScimServer(Javalin app, WatchEndpoints watch) {
        this.app = app;
        this.watch = watch;
    }

    public static ScimServer start(ServerConfig server, List<ResourceService> services, Discovery discovery,
                                   RequestLimits limits, BearerAuthenticator authenticator,
                                   ClientProfiles profiles, WatchEndpoints watch) {
        RequestContexts contexts = new RequestContexts(server.publicBaseUrl(), PREFIX, profiles);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = server.maxRequestBytes();
            config.http.defaultContentType = ScimJson.MEDIA_TYPE;
            config.router.ignoreTrailingSlashes = true;
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JettyErrors()));
            config.jetty.host = server.host();
            config.jetty.port = server.port();
            config.routes.before(ctx -> {
                AccessLog.started(ctx);
                RequestIds.assign(ctx);
                authenticate(ctx, authenticator);
                QueryStrings.requireWellFormed(ctx.queryString());
                limits.requirePaths(ctx.queryParam("attributes"));
                limits.requirePaths(ctx.queryParam("excludedAttributes"));
            });
            config.routes.after(watch::finished);
            watch.register(config.routes);
            new DiscoveryEndpoints(discovery, contexts).register(config.routes, PREFIX);
            for (ResourceService service : services) {
                new ResourceEndpoints(service, contexts, limits).register(config.routes, PREFIX);
            }
            new BulkEndpoint(new BulkProcessor(services), contexts, server.limits()).register(config.routes, PREFIX);
            new RootSearchEndpoints(new RootSearch(services, server.maxResults()), contexts, limits)
                    .register(config.routes, PREFIX);
            config.routes.exception(ScimException.class, ErrorResponses::scim);
            config.routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
                    ErrorResponses.send(ctx, e.getStatus(), null, statusText(e.getStatus())));
            config.routes.exception(Exception.class, ErrorResponses::unexpected);
            config.routes.error(404, ctx -> {
                if (!ScimJson.rendered(ctx)) {
                    ErrorResponses.send(ctx, 404, null, "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
            config.routes.error(405, ctx -> ErrorResponses.send(ctx, 405, null, "method not allowed"));
            config.routes.error(413, ctx -> {
                // A bulk request over its own limits is already rendered with its detail (RFC 7644 §3.7.4).
                if (!ScimJson.rendered(ctx)) {
                    ErrorResponses.send(ctx, 413, null, "the request body is too large");
                }
            });
        });
        app.start();
        return new ScimServer(app, watch);
    }

    private static String statusText(int status) {
        return status == 413 ? "the request body is too large" : "request refused (" + status + ")";
    }

    /** Every endpoint but discovery needs a valid bearer token (RFC 7644 §2). */
    private static void authenticate(Context ctx, BearerAuthenticator authenticator) {
        if (ctx.method() == HandlerType.HEAD) {
            // SCIM defines no HEAD; answering it like GET would tell strangers which ids exist.
            throw new ScimException(405, null, "HEAD is not supported; use GET");
        }
        if (ctx.method() == HandlerType.OPTIONS || isDiscovery(ctx.path()) || WatchEndpoints.serves(ctx.path())) {
            return;
        }
        String client = authenticator.authenticate(ctx.header("Authorization"))
                .orElseThrow(() -> ScimException.unauthorized("a valid bearer token is required"));
        ctx.attribute(RequestContexts.CLIENT_ATTRIBUTE, client);
    }

    private static boolean isDiscovery(String path) {
        return DiscoveryEndpoints.PATHS.stream().anyMatch(p -> path.equals(PREFIX + p) || path.startsWith(PREFIX + p + "/"));
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        watch.close();
    }
}
