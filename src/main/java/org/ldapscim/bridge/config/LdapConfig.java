package org.ldapscim.bridge.config;

import java.util.List;

/**
 * The directory the bridge writes to, through a pool of connections bound as one service account.
 *
 * @param urls {@code ldap://host:port} or {@code ldaps://host:port}; several are tried in order
 * @param startTls upgrade {@code ldap://} connections with StartTLS
 * @param trustStore a PKCS#12 or JKS file with the CA that signed the directory's certificate;
 *                   without it the JVM's default trust store is used
 * @param valueRangeSize ask for {@code member} (and memberOf, uniqueMember) in parts of this many values,
 *                       {@code member;range=0-N} and onwards; null to ask plainly and follow the parts only
 *                       when the directory imposes them, as AD does above its MaxValRange of 1,500
 */
public record LdapConfig(List<String> urls, String bindDn, Secret bindPassword, Boolean startTls,
                         String trustStore, Secret trustStorePassword, Integer poolSize,
                         Integer connectTimeoutMillis, Integer responseTimeoutMillis, Integer valueRangeSize) {

    public LdapConfig {
        urls = urls == null ? List.of() : List.copyOf(urls);
        bindPassword = bindPassword == null ? Secret.empty() : bindPassword;
        startTls = startTls != null && startTls;
        trustStorePassword = trustStorePassword == null ? Secret.empty() : trustStorePassword;
        poolSize = poolSize == null ? 8 : poolSize;
        connectTimeoutMillis = connectTimeoutMillis == null ? 5_000 : connectTimeoutMillis;
        responseTimeoutMillis = responseTimeoutMillis == null ? 30_000 : responseTimeoutMillis;
        if (poolSize < 1 || poolSize > 256) {
            throw new IllegalArgumentException("poolSize must be between 1 and 256");
        }
        if (valueRangeSize != null && valueRangeSize < 1) {
            throw new IllegalArgumentException("valueRangeSize must be at least 1");
        }
    }
}
