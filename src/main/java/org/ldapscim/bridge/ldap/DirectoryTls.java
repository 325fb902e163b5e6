package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllSSLSocketVerifier;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.LdapTlsConfig;

/**
 * The TLS side of directory connections: which certificates are trusted (a trust store, a PEM CA file, the JVM's
 * default, or - when switched off - any) and whether the certificate must name the host in the URL.
 */
final class DirectoryTls {
    private final SSLUtil ssl;
    private final SSLSocketVerifier verifier;
    private final String trustKey;

    private DirectoryTls(SSLUtil ssl, SSLSocketVerifier verifier, String trustKey) {
        this.ssl = ssl;
        this.verifier = verifier;
        this.trustKey = trustKey;
    }

    static DirectoryTls of(LdapTlsConfig config) {
        String trustKey = trustKey(config);
        SSLSocketVerifier verifier = config.verifyCertificates() && config.verifyHostName()
                ? new HostNameSSLSocketVerifier(true) : TrustAllSSLSocketVerifier.getInstance();
        return new DirectoryTls(new SSLUtil(trustManager(config, trustKey)), verifier, trustKey);
    }

    /** The key an operator changes to trust the directory's certificate. */
    private static String trustKey(LdapTlsConfig config) {
        return config.caFile() != null ? "ldap.tls.caFile"
                : config.trustStore() != null ? "ldap.tls.trustStore" : "ldap.tls";
    }

    private static TrustManager trustManager(LdapTlsConfig config, String key) {
        if (!config.verifyCertificates()) {
            return new TrustAllTrustManager(false);
        }
        if (config.caFile() != null) {
            requireReadable(config.caFile(), key);
            try {
                return new PEMFileTrustManager(new File(config.caFile()));
            } catch (GeneralSecurityException e) {
                throw new ConfigException(key, "cannot read a CA certificate from " + config.caFile() + ": "
                        + e.getMessage(), "a PEM file with one or more -----BEGIN CERTIFICATE----- blocks", e);
            }
        }
        if (config.trustStore() != null) {
            requireReadable(config.trustStore(), key);
            char[] password = config.trustStorePassword().isEmpty() ? null
                    : config.trustStorePassword().reveal().toCharArray();
            String format = config.trustStore().toLowerCase().endsWith(".jks") ? "JKS" : "PKCS12";
            requireOpens(config.trustStore(), password, format);
            return new TrustStoreTrustManager(config.trustStore(), password, format, true);
        }
        return JVMDefaultTrustManager.getInstance();
    }

    /**
     * Opens the trust store now: the trust manager reads it only during the first handshake, where a wrong password
     * would read as an untrusted certificate.
     */
    private static void requireOpens(String file, char[] password, String format) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance(format);
            store.load(in, password);
            // A PKCS#12 file keeps its certificates encrypted with its password: opened without one, it reads empty,
            // and the handshake would fail later with nothing to trust.
            if (store.size() == 0) {
                throw new ConfigException("ldap.tls.trustStore", file + " holds no certificate the bridge can read"
                        + (password == null ? " without a password" : ""), password == null
                        ? "set ldap.tls.trustStorePassword to the password it was saved with, or give the CA as PEM in"
                                + " ldap.tls.caFile" : "put the CA that signed the directory's certificate in it");
            }
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new ConfigException("ldap.tls.trustStorePassword", "the password does not open the trust store "
                        + file, "give the password the trust store was saved with", e);
            }
            throw new ConfigException("ldap.tls.trustStore", "cannot open " + file + " as a " + format + " trust store: "
                    + e.getMessage(), "a PKCS#12 file, or a JKS file named *.jks", e);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("ldap.tls.trustStore", "cannot open " + file + " as a " + format + " trust store: "
                    + e.getMessage(), "a PKCS#12 file, or a JKS file named *.jks", e);
        }
    }

    private static void requireReadable(String file, String key) {
        if (!Files.isReadable(Path.of(file))) {
            throw new ConfigException(key, "cannot read " + file, "give the path of an existing, readable file");
        }
    }

    SSLSocketVerifier verifier() {
        return verifier;
    }

    /** TLS sockets whose handshake gives up after {@code handshakeTimeoutMillis}, as an operation does. */
    SSLSocketFactory socketFactory(int handshakeTimeoutMillis) {
        try {
            return new HandshakeTimeoutSocketFactory(ssl.createSSLSocketFactory(), handshakeTimeoutMillis);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(trustKey, "cannot set up TLS: " + e.getMessage(), null, e);
        }
    }

    /**
     * A connection failure explained as the TLS setting behind it, or null when TLS is not the cause: an
     * untrusted certificate names the trust setting, a certificate for another host the URLs.
     */
    static ConfigException explain(LdapTlsConfig config, LDAPException e) {
        String trustKey = trustKey(config);
        String text = String.valueOf(e.getMessage()).toLowerCase();
        if (text.contains("hostname") || text.contains("host name")) {
            String detail = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getMessage();
            return new ConfigException("ldap.urls", "the directory's certificate does not name the host in the URL: "
                    + detail, "use a host name the certificate lists (its subject alternative names),"
                    + " or set ldap.tls.verifyHostName: false knowing the risk", e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException || cause instanceof SSLHandshakeException) {
                return new ConfigException(trustKey, "the directory's certificate is not trusted: " + cause.getMessage(),
                        "give the CA that signed it in ldap.tls.caFile (PEM) or ldap.tls.trustStore", e);
            }
        }
        return null;
    }
}
