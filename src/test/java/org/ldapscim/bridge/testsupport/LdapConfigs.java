package org.ldapscim.bridge.testsupport;

import java.util.List;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LdapPoolConfig;
import org.ldapscim.bridge.config.LdapTlsConfig;
import org.ldapscim.bridge.config.Secret;

/**
 * The directory settings a test hands to a bridge: one server, its service account and a small pool, with what a
 * bridge.yaml leaves out at its defaults.
 */
public final class LdapConfigs {
    private LdapConfigs() {
    }

    /** {@code bindDn} null binds anonymously. */
    public static LdapConfig of(String url, String bindDn, String bindPassword, int poolSize) {
        return of(url, bindDn, bindPassword, poolSize, null, null);
    }

    /**
     * Anonymous access to {@code url}, answers awaited {@code responseTimeoutMillis}, with a connect timeout of a
     * second and a pool of {@code poolSize} that a request waits at most 200 ms for: a bridge that gives up on a
     * slow directory when the test says.
     */
    public static LdapConfig anonymous(String url, int responseTimeoutMillis, int poolSize) {
        return new LdapConfig(List.of(url), null, null, Secret.empty(), 1_000, responseTimeoutMillis, null,
                new LdapPoolConfig(poolSize, 200, null, null), null, null);
    }

    /**
     * @param tls null for the defaults
     * @param valueRangeSize null to ask for group members plainly
     */
    public static LdapConfig of(String url, String bindDn, String bindPassword, int poolSize, LdapTlsConfig tls,
                                Integer valueRangeSize) {
        return new LdapConfig(List.of(url), null, bindDn, bindPassword == null ? null : Secret.of(bindPassword),
                null, null, tls, new LdapPoolConfig(poolSize, null, null, null), null, valueRangeSize);
    }
}
