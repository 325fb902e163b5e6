package org.ldapscim.bridge.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.ldapscim.bridge.auth.AccessControl;
import org.ldapscim.bridge.auth.AddressRange;
import org.ldapscim.bridge.auth.Admission;
import org.ldapscim.bridge.auth.PresentedCredentials;
import org.ldapscim.bridge.auth.RequestPermit;
import org.ldapscim.bridge.auth.TrustedProxies;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.scim.RequestLimits;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.service.ClientServices;
import org.ldapscim.bridge.service.Discovery;
import org.ldapscim.bridge.service.ResourceService;

/**
 * The Javalin server under {@code /scim/v2}, and the {@link WatchEndpoints} beside it: authentication, request
 * ids, routing and the single error handler. Only parses, authenticates and renders; everything else is the
 * services' work.
 */
public final class ScimServer implements AutoCloseable {
    public static final String PREFIX = "/scim/v2";
    /** How long close() waits for requests in flight; under the unit's TimeoutStopSec, which then kills. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** Where the servlet API puts the client certificate chain the TLS handshake verified. */
    private static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    private static final String PERMIT_ATTRIBUTE = "bridge.permit";

    private final Javalin app;
    private final AccessControl access;
    private final WatchEndpoints watch;

    private ScimServer(Javalin app, AccessControl access, WatchEndpoints watch) {
        this.app = app;
        this.access = access;
        this.watch = watch;
    }

    /** @param services the resource services as each authenticated client sees them */
    public static ScimServer start(ServerConfig server, ClientServices services, Discovery discovery,
                                   RequestLimits limits, AccessControl access,
                                   ClientProfiles profiles, WatchEndpoints watch) {
        TrustedProxies proxies = new TrustedProxies(server.trustedProxies());
        RequestContexts contexts = new RequestContexts(server.publicBaseUrl(), PREFIX, profiles);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = server.maxRequestBytes();
            config.http.defaultContentType = ScimJson.MEDIA_TYPE;
            config.router.ignoreTrailingSlashes = true;
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(jetty -> {
                jetty.setErrorHandler(new JettyErrors());
                // close() lets requests in flight finish, up to STOP_TIMEOUT, and answers new ones 503 meanwhile.
                jetty.insertHandler(new GracefulHandler());
                jetty.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            HttpsConnector.listen(config.jetty, server);
            config.routes.before(ctx -> {
                AccessLog.started(ctx);
                RequestIds.assign(ctx);
                authenticate(ctx, access, proxies);
                QueryStrings.requireWellFormed(ctx.queryString());
                limits.requirePaths(ctx.queryParam("attributes"));
                limits.requirePaths(ctx.queryParam("excludedAttributes"));
            });
            config.routes.after(ScimServer::releasePermit);
            config.routes.after(watch::finished);
            watch.register(config.routes);
            new DiscoveryEndpoints(discovery, contexts).register(config.routes, PREFIX);
            for (ResourceService service : services.of(null)) {
                new ResourceEndpoints(services, service.endpoint(), service.coreSchemaUrn(), contexts, limits)
                        .register(config.routes, PREFIX);
            }
            new BulkEndpoint(services, contexts, server.limits()).register(config.routes, PREFIX);
            new RootSearchEndpoints(services, contexts, limits).register(config.routes, PREFIX);
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
        return new ScimServer(app, access, watch);
    }

    /** What start-up would refuse about the listener: plain HTTP where it is not allowed, unusable TLS files. */
    public static void checkListener(ServerConfig server) {
        HttpsConnector.check(server);
    }

    private static String statusText(int status) {
        return status == 413 ? "the request body is too large" : "request refused (" + status + ")";
    }

    /**
     * Every endpoint but discovery needs a known client (RFC 7644 §2): by its verified TLS client certificate, or
     * else by a valid bearer token.
     */
    private static void authenticate(Context ctx, AccessControl access, TrustedProxies proxies) {
        if (ctx.method() == HandlerType.HEAD) {
            // SCIM defines no HEAD; answering it like GET would tell strangers which ids exist.
            throw new ScimException(405, null, "HEAD is not supported; use GET");
        }
        if (ctx.method() == HandlerType.OPTIONS || isDiscovery(ctx.path()) || WatchEndpoints.serves(ctx.path())) {
            return;
        }
        InetAddress peer = AddressRange.literal(ctx.req().getRemoteAddr())
                .orElseThrow(() -> new IllegalStateException("the connection has no IP address"));
        InetAddress source = proxies.source(peer, Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
        Admission admission = access.admit(new PresentedCredentials(ctx.header("Authorization"),
                certificates(ctx), source));
        if (admission instanceof Admission.Admitted admitted) {
            ctx.attribute(RequestContexts.CLIENT_ATTRIBUTE, admitted.client());
            ctx.attribute(PERMIT_ATTRIBUTE, admitted.permit());
            return;
        }
        Admission.Denied denied = (Admission.Denied) admission;
        throw switch (denied.status()) {
            case 429 -> ScimException.tooManyRequests(denied.detail(), denied.retryAfterSeconds());
            default -> ScimException.unauthorized(denied.detail());
        };
    }

    private static List<X509Certificate> certificates(Context ctx) {
        Object chain = ctx.req().getAttribute(CERTIFICATES_ATTRIBUTE);
        return chain instanceof X509Certificate[] certificates ? List.of(certificates) : List.of();
    }

    /** Runs after every request, also one that failed: the client's place is free again. */
    private static void releasePermit(Context ctx) {
        RequestPermit permit = ctx.attribute(PERMIT_ATTRIBUTE);
        if (permit != null) {
            permit.close();
        }
    }

    private static boolean isDiscovery(String path) {
        return DiscoveryEndpoints.PATHS.stream().anyMatch(p -> path.equals(PREFIX + p) || path.startsWith(PREFIX + p + "/"));
    }

    public int port() {
        return app.port();
    }

    /** Stops taking requests and waits, up to {@link #STOP_TIMEOUT}, for those in flight to be answered. */
    @Override
    public void close() {
        app.stop();
        watch.close();
        access.close();
    }
}
