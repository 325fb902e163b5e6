package org.ldapscim.bridge.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.jetty.util.InetAddressSet;
import org.ldapscim.bridge.auth.ScrapeCredential;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.MetricsConfig;

/** Who may read {@code /metrics}: a caller from {@code allowFrom}, or one with the scrape token. */
final class ScrapeAccess {
    private final InetAddressSet allowed = new InetAddressSet();
    private final ScrapeCredential token;

    ScrapeAccess(MetricsConfig config) {
        for (int i = 0; i < config.allowFrom().size(); i++) {
            String pattern = config.allowFrom().get(i);
            try {
                allowed.add(pattern);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("server.metrics.allowFrom[" + i + "]", "'" + pattern
                        + "' is no address or network", "e.g. 10.1.2.3 or 10.1.0.0/16");
            }
        }
        token = ScrapeCredential.of(config.tokenHash());
    }

    boolean admits(Context ctx) {
        return fromAllowedAddress(ctx.ip()) || token != null && token.accepts(ctx.header("Authorization"));
    }

    private boolean fromAllowedAddress(String ip) {
        String literal = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        try {
            // The remote address is a literal: no name is looked up.
            return allowed.test(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
