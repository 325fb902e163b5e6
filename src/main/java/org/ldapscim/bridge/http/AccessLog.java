package org.ldapscim.bridge.http;

import io.javalin.http.Context;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per request on {@code org.ldapscim.bridge.access}: request id, client, remote address, method, path,
 * status and duration, in the message for the text format and as key-value pairs for the JSON one. The query string
 * is left out (filters carry user names and e-mail addresses), and so is every body. Health probes and scrapes go
 * at DEBUG: a probe every few seconds would bury the requests that matter.
 */
final class AccessLog {
    static final String LOGGER = "org.ldapscim.bridge.access";
    private static final Logger ACCESS = LoggerFactory.getLogger(LOGGER);
    private static final String STARTED = "bridge.started";

    private AccessLog() {
    }

    static void started(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    /** Nanoseconds since {@link #started}, or -1 when the request was not seen starting. */
    static long elapsed(Context ctx) {
        Long started = ctx.attribute(STARTED);
        return started == null ? -1 : System.nanoTime() - started;
    }

    static void log(Context ctx, String client, long nanos, boolean probe) {
        LoggingEventBuilder event = probe ? ACCESS.atDebug() : ACCESS.atInfo();
        String request = RequestIds.of(ctx);
        String who = client == null ? "-" : client;
        String method = ctx.method().name();
        String path = ctx.path();
        int status = ctx.statusCode();
        double millis = nanos < 0 ? -1 : nanos / 1_000_000.0;
        String remote = ctx.ip();
        event.addKeyValue("request", request)
                .addKeyValue("client", who)
                .addKeyValue("remote", remote)
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("status", status)
                .addKeyValue("durationMs", millis)
                .log("{} {} {} {}ms request={} client={} remote={}", method, path, status,
                        String.format(Locale.ROOT, "%.1f", millis), request, who, remote);
    }
}
