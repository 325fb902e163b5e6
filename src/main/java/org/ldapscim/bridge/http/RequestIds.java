package org.ldapscim.bridge.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request id per request: the caller's {@code X-Request-Id} (or Microsoft's {@code client-request-id}) when it is
 * sane, else a new one.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    static final String MICROSOFT_HEADER = "client-request-id";
    private static final String ATTRIBUTE = "bridge.requestId";
    private static final String OFFERED_ATTRIBUTE = "bridge.clientRequestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    static void assign(Context ctx) {
        String offered = ctx.header(HEADER);
        if (offered == null) {
            offered = ctx.header(MICROSOFT_HEADER);
        }
        boolean sane = offered != null && SANE.matcher(offered).matches();
        String id = sane ? offered : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        if (sane) {
            ctx.attribute(OFFERED_ATTRIBUTE, id);
        }
        ctx.header(HEADER, id);
    }

    /** The id the client sent, or null when the bridge made one up. */
    static String offered(Context ctx) {
        return ctx.attribute(OFFERED_ATTRIBUTE);
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
