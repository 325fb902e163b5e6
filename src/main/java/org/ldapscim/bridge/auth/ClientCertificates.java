package org.ldapscim.bridge.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.ldapscim.bridge.config.ClientCertificateConfig;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;

/**
 * Names the client whose TLS certificate the listener verified, by the leaf certificate's subject (compared as a DN:
 * case, spacing and escaping of RFC 4514 do not matter) or by its SHA-256 fingerprint. Only the chain the TLS
 * handshake already checked against {@code server.tls.clientCaFile} may be passed in. Thread-safe.
 */
public final class ClientCertificates {
    private static final String PREFIX = "sha256:";

    private final Map<String, String> bySubject;
    private final Map<String, String> byFingerprint;

    public ClientCertificates(List<ClientConfig> clients) {
        Map<String, String> subjects = new HashMap<>();
        Map<String, String> fingerprints = new HashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            ClientConfig client = clients.get(i);
            for (int j = 0; j < client.certificates().size(); j++) {
                String key = "auth.clients[" + i + "].certificates[" + j + "]";
                ClientCertificateConfig certificate = client.certificates().get(j);
                if ((certificate.subject() == null) == (certificate.fingerprint() == null)) {
                    throw new ConfigException(key, "a certificate is named by its subject or by its fingerprint",
                            "give one of subject: \"CN=...,O=...\" or fingerprint: \"sha256:<hex>\"");
                }
                if (certificate.subject() != null) {
                    claim(subjects, canonicalSubject(certificate.subject(), key + ".subject"), client.name(),
                            key + ".subject");
                } else {
                    claim(fingerprints, fingerprint(certificate.fingerprint(), key + ".fingerprint"), client.name(),
                            key + ".fingerprint");
                }
            }
        }
        this.bySubject = Map.copyOf(subjects);
        this.byFingerprint = Map.copyOf(fingerprints);
    }

    /** Whether any client is known by a certificate. */
    public boolean any() {
        return !bySubject.isEmpty() || !byFingerprint.isEmpty();
    }

    /** The client the verified chain's leaf certificate identifies, or empty when it names none. */
    public Optional<String> clientFor(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        X509Certificate leaf = chain.get(0);
        String byPrint = byFingerprint.get(HexFormat.of().formatHex(sha256(leaf)));
        if (byPrint != null) {
            return Optional.of(byPrint);
        }
        return Optional.ofNullable(bySubject.get(leaf.getSubjectX500Principal().getName(X500Principal.CANONICAL)));
    }

    private static void claim(Map<String, String> names, String credential, String client, String key) {
        String earlier = names.putIfAbsent(credential, client);
        if (earlier != null) {
            throw new ConfigException(key, "the same certificate already identifies client " + earlier,
                    "a certificate may name one client only");
        }
    }

    private static String canonicalSubject(String subject, String key) {
        try {
            return new X500Principal(subject).getName(X500Principal.CANONICAL);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "is not a distinguished name", "write it as RFC 4514 does, e.g."
                    + " CN=okta-agent,O=Example (openssl x509 -noout -subject -nameopt RFC2253)");
        }
    }

    private static String fingerprint(String configured, String key) {
        String lower = configured.toLowerCase(Locale.ROOT);
        // As hash-token and this README write it (sha256:<hex>), or as openssl prints it (AB:CD:...).
        String hex = (lower.startsWith(PREFIX) ? lower.substring(PREFIX.length()) : lower).replace(":", "");
        if (hex.length() != 64 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new ConfigException(key, "a fingerprint is 64 hex digits, with or without colons and sha256:",
                    "print it with: openssl x509 -noout -fingerprint -sha256 -in client.pem");
        }
        return hex;
    }

    private static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate from a finished handshake has its DER encoding", e);
        }
    }
}
