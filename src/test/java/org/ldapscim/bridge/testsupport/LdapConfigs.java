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
     * @param tls null for the defaults
     * @param valueRangeSize null to ask for group members plainly
     */
    public static LdapConfig of(String url, String bindDn, String bindPassword, int poolSize, LdapTlsConfig tls,
                                Integer valueRangeSize) {
        return new LdapConfig(List.of(url), null, bindDn, bindPassword == null ? null : Secret.of(bindPassword),
                null, null, tls, new LdapPoolConfig(poolSize, null, null, null), null, valueRangeSize);
    }
}
