package org.ldapscim.bridge.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.ldapscim.bridge.config.MetricsConfig;
import org.ldapscim.bridge.service.Readiness;

/**
 * What an operator's tools watch, outside {@code /scim/v2} and without a client token: {@code /healthz} (the
 * process serves), {@code /readyz} (directory and journal answer) and {@code /metrics} (Prometheus, for the callers
 * {@code server.metrics} allows). Also records each request's access log line and timer.
 */
public final class WatchEndpoints implements AutoCloseable {
    static final List<String> PATHS = List.of("/healthz", "/readyz", "/metrics");
    private static final String JSON = "application/json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Readiness readiness;
    private final PrometheusMeterRegistry registry;
    private final RequestMetrics requests;
    private final ScrapeAccess access;

    /** @param registry the meters to serve and to record requests in; null for no {@code /metrics} */
    public WatchEndpoints(Readiness readiness, MetricsConfig config, PrometheusMeterRegistry registry) {
        this.readiness = readiness;
        this.registry = config.enabled() ? registry : null;
        this.requests = registry == null ? null : new RequestMetrics(registry);
        this.access = this.registry == null ? null : new ScrapeAccess(config);
    }

    /** Whether {@code path} is one of these endpoints, with or without the trailing slash the router ignores. */
    static boolean serves(String path) {
        return PATHS.contains(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> json(ctx, 200, status("UP")));
        routes.get("/readyz", this::ready);
        if (registry != null) {
            routes.get("/metrics", this::scrape);
        }
    }

    private void ready(Context ctx) {
        Readiness.Report report = readiness.check();
        ObjectNode body = status(report.ready() ? "UP" : "DOWN");
        ObjectNode directory = body.putObject("directory");
        directory.put("status", report.directoryProblem() == null ? "UP" : "DOWN");
        if (report.directoryServer() != null) {
            directory.put("server", report.directoryServer());
        } else {
            directory.put("reason", report.directoryProblem());
        }
        ObjectNode journal = body.putObject("journal");
        journal.put("status", report.journalProblem() == null ? "UP" : "DOWN");
        if (report.journalProblem() != null) {
            journal.put("reason", report.journalProblem());
        }
        json(ctx, report.ready() ? 200 : 503, body);
    }

    private void scrape(Context ctx) {
        if (!access.admits(ctx)) {
            ErrorResponses.send(ctx, 403, null, "metrics are served to the addresses and token server.metrics allows");
            return;
        }
        ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }

    /** The access log line and the request's timer, once the response is decided. */
    void finished(Context ctx) {
        String client = ctx.attribute(RequestContexts.CLIENT_ATTRIBUTE);
        long nanos = AccessLog.elapsed(ctx);
        AccessLog.log(ctx, client, nanos, serves(ctx.path()));
        if (requests != null && nanos >= 0) {
            requests.record(ctx, client, nanos);
        }
    }

    @Override
    public void close() {
        readiness.close();
    }

    private static ObjectNode status(String status) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", status);
        return body;
    }

    private static void json(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType(JSON).result(body.toString());
    }
}
