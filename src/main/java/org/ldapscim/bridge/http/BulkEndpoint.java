package org.ldapscim.bridge.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.ldapscim.bridge.config.LimitsConfig;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.bulk.BulkRequest;
import org.ldapscim.bridge.scim.bulk.BulkResponse;
import org.ldapscim.bridge.service.ClientServices;
import org.ldapscim.bridge.service.RequestContext;

/** {@code POST /Bulk} (RFC 7644 §3.7): a BulkRequest in, a BulkResponse out with status 200. */
final class BulkEndpoint {
    private final ClientServices services;
    private final RequestContexts contexts;
    private final LimitsConfig limits;

    BulkEndpoint(ClientServices services, RequestContexts contexts, LimitsConfig limits) {
        this.services = services;
        this.contexts = contexts;
        this.limits = limits;
    }

    void register(RoutesConfig routes, String prefix) {
        routes.post(prefix + "/Bulk", this::bulk);
    }

    private void bulk(Context ctx) {
        // RFC 7644 §3.7.4: over maxPayloadSize is 413; the declared length is checked before the body is read.
        if (ctx.contentLength() > limits.maxBulkPayloadBytes() || ctx.bodyAsBytes().length > limits.maxBulkPayloadBytes()) {
            throw new ScimException(413, null, "the bulk request is larger than " + limits.maxBulkPayloadBytes()
                    + " bytes (ServiceProviderConfig bulk.maxPayloadSize)");
        }
        BulkRequest request = BulkRequest.parse(ScimJson.body(ctx), limits.maxBulkOperations());
        RequestContext context = contexts.of(ctx);
        ScimJson.send(ctx, 200, BulkResponse.of(services.bulk(ctx.attribute(RequestContexts.CLIENT_ATTRIBUTE))
                .run(request, context), context.requestId()));
    }
}
