package org.ldapscim.bridge.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory the bridge writes to, through a pool of connections bound as one service account.
 *
 * @param urls {@code ldap://host:port} or {@code ldaps://host:port}, one scheme for all; several are several
 *             servers of one directory (domain controllers), chosen by {@code serverSelection}
 * @param connectTimeoutMillis how long opening a connection to one server may take
 * @param responseTimeoutMillis how long the bridge waits for the directory's answer to one operation
 * @param valueRangeSize ask for {@code member} (and memberOf, uniqueMember) in parts of this many values,
 *                       {@code member;range=0-N} and onwards; null to ask plainly and follow the parts only
 *                       when the directory imposes them, as AD does above its MaxValRange of 1,500
 */
public record LdapConfig(List<String> urls, ServerSelection serverSelection, String bindDn, Secret bindPassword,
                         Integer connectTimeoutMillis, Integer responseTimeoutMillis, LdapTlsConfig tls,
                         LdapPoolConfig pool, ReferralConfig referrals, Integer valueRangeSize) {

    public LdapConfig {
        urls = urls == null ? List.of() : List.copyOf(urls);
        serverSelection = serverSelection == null ? ServerSelection.FAILOVER : serverSelection;
        bindPassword = bindPassword == null ? Secret.empty() : bindPassword;
        connectTimeoutMillis = connectTimeoutMillis == null ? 5_000 : connectTimeoutMillis;
        responseTimeoutMillis = responseTimeoutMillis == null ? 10_000 : responseTimeoutMillis;
        tls = tls == null ? LdapTlsConfig.defaults() : tls;
        pool = pool == null ? LdapPoolConfig.defaults() : pool;
        referrals = referrals == null ? ReferralConfig.defaults() : referrals;
        if (connectTimeoutMillis < 100 || connectTimeoutMillis > 120_000) {
            throw new IllegalArgumentException("connectTimeoutMillis must be between 100 and 120000");
        }
        if (responseTimeoutMillis < 100 || responseTimeoutMillis > 600_000) {
            throw new IllegalArgumentException("responseTimeoutMillis must be between 100 and 600000");
        }
        if (valueRangeSize != null && valueRangeSize < 1) {
            throw new IllegalArgumentException("valueRangeSize must be at least 1");
        }
    }

    /**
     * The YAML form: the {@code tls} and {@code pool} sections, or the earlier flat keys {@code startTls},
     * {@code trustStore}, {@code trustStorePassword} and {@code poolSize} (not both for one setting).
     */
    @JsonCreator
    static LdapConfig fromYaml(@JsonProperty("urls") List<String> urls,
                               @JsonProperty("serverSelection") ServerSelection serverSelection,
                               @JsonProperty("bindDn") String bindDn,
                               @JsonProperty("bindPassword") Secret bindPassword,
                               @JsonProperty("connectTimeoutMillis") Integer connectTimeoutMillis,
                               @JsonProperty("responseTimeoutMillis") Integer responseTimeoutMillis,
                               @JsonProperty("tls") LdapTlsConfig tls,
                               @JsonProperty("pool") LdapPoolConfig pool,
                               @JsonProperty("referrals") ReferralConfig referrals,
                               @JsonProperty("valueRangeSize") Integer valueRangeSize,
                               @JsonProperty("startTls") Boolean startTls,
                               @JsonProperty("trustStore") String trustStore,
                               @JsonProperty("trustStorePassword") Secret trustStorePassword,
                               @JsonProperty("poolSize") Integer poolSize) {
        boolean flatTls = startTls != null || trustStore != null || trustStorePassword != null;
        if (flatTls && tls != null) {
            throw new IllegalArgumentException("startTls, trustStore and trustStorePassword belong in tls: give them"
                    + " there, not beside it");
        }
        if (poolSize != null && pool != null) {
            throw new IllegalArgumentException("poolSize is pool.size: give it there, not beside the pool section");
        }
        return new LdapConfig(urls, serverSelection, bindDn, bindPassword, connectTimeoutMillis,
                responseTimeoutMillis,
                flatTls ? new LdapTlsConfig(startTls, trustStore, trustStorePassword, null, null, null) : tls,
                poolSize != null ? new LdapPoolConfig(poolSize, null, null, null) : pool, referrals, valueRangeSize);
    }

    /**
     * What this configuration leaves unprotected, one sentence each naming its key: the TLS checks switched off,
     * and URLs whose traffic would cross the network unencrypted (plain {@code ldap://} to another host without
     * StartTLS); empty when nothing is.
     */
    public List<String> weakenedChecks() {
        List<String> warnings = new ArrayList<>(tls.weakenedChecks());
        if (!tls.startTls()) {
            for (int i = 0; i < urls.size(); i++) {
                URI url = parsed(urls.get(i));
                if (url != null && "ldap".equalsIgnoreCase(url.getScheme()) && !isLoopback(url.getHost())) {
                    warnings.add("ldap.urls[" + i + "] is plain ldap:// without ldap.tls.startTls: the service"
                            + " account's password and every value written, passwords included, cross the network"
                            + " unencrypted");
                }
            }
        }
        return warnings;
    }

    /** The URL, or null for one that is no URI: the connector names that problem itself. */
    private static URI parsed(String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equalsIgnoreCase("localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("::1"));
    }

    /** This configuration with {@code newTls} instead of its TLS settings. */
    public LdapConfig withTls(LdapTlsConfig newTls) {
        return new LdapConfig(urls, serverSelection, bindDn, bindPassword, connectTimeoutMillis,
                responseTimeoutMillis, newTls, pool, referrals, valueRangeSize);
    }
}
