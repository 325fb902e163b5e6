package org.ldapscim.bridge.http;

import io.javalin.http.Context;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every failure as a SCIM Error (RFC 7644 §3.12), {@code status} as a string. A 500 names only the
 * request id; the cause goes to the log, never to the client.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    static void scim(ScimException e, Context ctx) {
        if (e.status() == 503) {
            // An outage, not a bug: where it was met is logged there, and a stack per request would bury it.
            LOG.warn("request {} answered 503: {}", RequestIds.of(ctx), e.getMessage());
        } else if (e.status() >= 500 && e.status() != 501) {
            LOG.error("request {} failed: {}", RequestIds.of(ctx), e.getMessage(), e.getCause() == null ? e : e.getCause());
        } else {
            LOG.debug("request {} refused: {} {}", RequestIds.of(ctx), e.status(), e.getMessage());
        }
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"ldap-scim-bridge\"");
        }
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        String detail = e.status() == 500 ? "internal error, requestId=" + RequestIds.of(ctx) : e.detail();
        send(ctx, e.status(), e.scimType() == null ? null : e.scimType().name(), detail);
    }

    static void unexpected(Exception e, Context ctx) {
        if (isBrokenRequest(e)) {
            LOG.info("request {} ended before its body was complete: {}", RequestIds.of(ctx), e.toString());
            send(ctx, 400, ScimType.invalidSyntax.name(), "the request body ended before it was complete");
            return;
        }
        LOG.error("request {} failed unexpectedly", RequestIds.of(ctx), e);
        send(ctx, 500, null, "internal error, requestId=" + RequestIds.of(ctx));
    }

    /** A client that stops sending mid-body (bad chunking, a short Content-Length): its fault, not the server's. */
    private static boolean isBrokenRequest(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // Jetty reports a body cut short as its EofException, an EOFException.
            if (cause instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    static void send(Context ctx, int status, String scimType, String detail) {
        ScimJson.send(ctx, status, ScimJson.error(status, scimType, detail));
    }
}
