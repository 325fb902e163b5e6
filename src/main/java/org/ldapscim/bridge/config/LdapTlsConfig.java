package org.ldapscim.bridge.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How the bridge checks the directory's certificate on {@code ldaps://} URLs and StartTLS. Checking is on unless
 * switched off here by name.
 *
 * @param startTls upgrade {@code ldap://} connections with StartTLS before binding
 * @param trustStore a PKCS#12 or JKS file ({@code .jks}) with the CA that signed the directory's certificate
 * @param caFile a PEM file with that CA certificate (or several), instead of a trust store; with neither, the
 *               JVM's default trust store is used
 * @param verifyCertificates false accepts any certificate from anyone: for a lab only, logged as a warning at
 *                           every start
 * @param verifyHostName false accepts a trusted certificate issued for another host name; logged likewise
 */
public record LdapTlsConfig(Boolean startTls, String trustStore, Secret trustStorePassword, String caFile,
                            Boolean verifyCertificates, Boolean verifyHostName) {

    public LdapTlsConfig {
        startTls = startTls != null && startTls;
        trustStorePassword = trustStorePassword == null ? Secret.empty() : trustStorePassword;
        verifyCertificates = verifyCertificates == null || verifyCertificates;
        verifyHostName = verifyHostName == null || verifyHostName;
        if (trustStore != null && caFile != null) {
            throw new IllegalArgumentException("give tls.trustStore or tls.caFile, not both");
        }
    }

    /** What this configuration leaves unchecked, one sentence each naming its key; empty when all is checked. */
    public List<String> weakenedChecks() {
        List<String> warnings = new ArrayList<>();
        if (!verifyCertificates) {
            warnings.add("ldap.tls.verifyCertificates is false: the bridge accepts any certificate, so anyone between it"
                    + " and the directory can read the service account's password and every change");
        } else if (!verifyHostName) {
            warnings.add("ldap.tls.verifyHostName is false: the bridge accepts a trusted certificate issued for any"
                    + " host, so another server with such a certificate can pose as the directory");
        }
        return warnings;
    }

    public static LdapTlsConfig defaults() {
        return new LdapTlsConfig(null, null, null, null, null, null);
    }
}
