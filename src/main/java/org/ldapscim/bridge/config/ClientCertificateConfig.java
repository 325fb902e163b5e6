package org.ldapscim.bridge.config;

/**
 * A TLS client certificate that identifies a client: by its subject, or by the fingerprint of the certificate
 * itself. Exactly one is given.
 *
 * @param subject the certificate's subject DN as RFC 4514 writes it, e.g. {@code CN=okta-agent,O=Example}; any
 *                certificate with that subject from a trusted CA matches, so a renewed certificate keeps working
 * @param fingerprint {@code sha256:<hex>} of the certificate's DER encoding (colons between the hex pairs allowed,
 *                    as {@code openssl x509 -fingerprint -sha256} prints them); only that one certificate matches
 */
public record ClientCertificateConfig(String subject, String fingerprint) {

    public static ClientCertificateConfig ofSubject(String subject) {
        return new ClientCertificateConfig(subject, null);
    }

    public static ClientCertificateConfig ofFingerprint(String fingerprint) {
        return new ClientCertificateConfig(null, fingerprint);
    }
}
