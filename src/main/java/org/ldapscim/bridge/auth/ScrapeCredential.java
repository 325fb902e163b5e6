package org.ldapscim.bridge.auth;

import java.util.List;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;

/**
 * The bearer token that lets a metrics scraper in from any address ({@code server.metrics.tokenHash}), checked as
 * client tokens are: by hash, in constant time.
 */
public final class ScrapeCredential {
    private final StaticTokens token;

    private ScrapeCredential(StaticTokens token) {
        this.token = token;
    }

    /** The credential of {@code tokenHash}, or null when none is configured. */
    public static ScrapeCredential of(String tokenHash) {
        if (tokenHash == null) {
            return null;
        }
        try {
            TokenHash.parse(tokenHash);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("server.metrics.tokenHash", e.getMessage(),
                    "run: ldap-scim-bridge hash-token < token-file");
        }
        return new ScrapeCredential(new StaticTokens(List.of(new ClientConfig("metrics", List.of(tokenHash)))));
    }

    /** Whether the {@code Authorization} header carries the token. */
    public boolean accepts(String authorization) {
        return new PresentedCredentials(authorization, null, null).bearerToken()
                .map(presented -> token.authenticate(presented) instanceof Authentication.Authenticated)
                .orElse(false);
    }
}
