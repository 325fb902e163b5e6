package org.ldapscim.bridge.http;

import io.javalin.http.Context;
import org.ldapscim.bridge.auth.AddressRange;
import org.ldapscim.bridge.auth.AddressRanges;
import org.ldapscim.bridge.auth.ScrapeCredential;
import org.ldapscim.bridge.config.MetricsConfig;

/** Who may read {@code /metrics}: a caller from {@code allowFrom}, or one with the scrape token. */
final class ScrapeAccess {
    private final AddressRanges allowed;
    private final ScrapeCredential token;

    ScrapeAccess(MetricsConfig config) {
        allowed = AddressRanges.parse(config.allowFrom(), "server.metrics.allowFrom");
        token = ScrapeCredential.of(config.tokenHash());
    }

    boolean admits(Context ctx) {
        return fromAllowedAddress(ctx.req().getRemoteAddr())
                || token != null && token.accepts(ctx.header("Authorization"));
    }

    private boolean fromAllowedAddress(String remote) {
        return AddressRange.literal(remote).map(allowed::contains).orElse(false);
    }
}
