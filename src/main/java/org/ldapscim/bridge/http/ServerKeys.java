package org.ldapscim.bridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.TlsListenerConfig;

/**
 * The listener's private key and certificate chain, and the CAs trusted for client certificates, read and checked
 * from the files {@code server.tls} names: a key that does not belong to the certificate is refused here rather
 * than at the first handshake. Problems are ConfigExceptions naming the key and the file, never the files' content.
 */
final class ServerKeys {
    private static final String ALIAS = "bridge";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyStore keyStore;
    private final KeyStore trustStore;
    private final String entryPassword;
    private final X509Certificate leaf;

    private ServerKeys(KeyStore keyStore, KeyStore trustStore, String entryPassword, X509Certificate leaf) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.entryPassword = entryPassword;
        this.leaf = leaf;
    }

    static ServerKeys read(TlsListenerConfig tls) {
        PrivateKey key;
        List<X509Certificate> chain;
        if (tls.keyStore() != null) {
            KeyStore pkcs12 = loadPkcs12(Path.of(tls.keyStore()), tls.keyStorePassword().reveal().toCharArray());
            String alias = onlyKeyAlias(pkcs12, tls.keyStore());
            try {
                key = (PrivateKey) pkcs12.getKey(alias, tls.keyStorePassword().reveal().toCharArray());
                chain = new ArrayList<>();
                for (Certificate certificate : pkcs12.getCertificateChain(alias)) {
                    chain.add((X509Certificate) certificate);
                }
            } catch (GeneralSecurityException | ClassCastException e) {
                throw new ConfigException("server.tls.keyStore", "cannot read the key in " + tls.keyStore() + " ("
                        + e.getClass().getSimpleName() + ")", "the key needs the same password as the file");
            }
            requireMatch(key, chain.get(0), "server.tls.keyStore", tls.keyStore());
        } else {
            chain = certificates(Path.of(tls.certificateFile()), "server.tls.certificateFile");
            key = privateKey(Path.of(tls.keyFile()));
            requireMatch(key, chain.get(0), "server.tls.keyFile", tls.keyFile());
        }
        String password = randomPassword();
        try {
            KeyStore keys = emptyStore();
            keys.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(new Certificate[0]));
            KeyStore trusted = null;
            if (tls.clientCaFile() != null) {
                trusted = emptyStore();
                List<X509Certificate> cas = certificates(Path.of(tls.clientCaFile()), "server.tls.clientCaFile");
                for (int i = 0; i < cas.size(); i++) {
                    trusted.setCertificateEntry("ca-" + i, cas.get(i));
                }
            }
            return new ServerKeys(keys, trusted, password, chain.get(0));
        } catch (GeneralSecurityException e) {
            throw new ConfigException("server.tls", "cannot use the key and certificate ("
                    + e.getClass().getSimpleName() + ")", "is the key an RSA, EC or EdDSA key?");
        }
    }

    /** Hands the key material to Jetty; inside {@link SslContextFactory#reload} when replacing it. */
    void applyTo(SslContextFactory.Server factory) {
        factory.setKeyStore(keyStore);
        factory.setKeyManagerPassword(entryPassword);
        factory.setTrustStore(trustStore);
    }

    /** The server's own certificate, for the log. */
    X509Certificate leaf() {
        return leaf;
    }

    private static KeyStore loadPkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            String problem = e.getCause() instanceof java.security.UnrecoverableKeyException
                    ? "the password does not open " + file : "cannot read " + file + " as PKCS#12";
            throw new ConfigException("server.tls.keyStore", problem, "check the file and"
                    + " server.tls.keyStorePassword");
        } catch (GeneralSecurityException e) {
            throw new ConfigException("server.tls.keyStore", "cannot read " + file + " as PKCS#12 ("
                    + e.getClass().getSimpleName() + ")", "check the file and server.tls.keyStorePassword");
        }
    }

    private static String onlyKeyAlias(KeyStore store, String file) {
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (keys.size() != 1) {
                throw new ConfigException("server.tls.keyStore", file + " holds " + keys.size()
                        + " private keys, not one", "export the listener's key and chain alone into the file");
            }
            return keys.get(0);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("server.tls.keyStore", "cannot list " + file, null);
        }
    }

    private static List<X509Certificate> certificates(Path file, String key) {
        List<X509Certificate> found = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser pem = parser(file, key)) {
            for (Object block = pem.readObject(); block != null; block = pem.readObject()) {
                if (block instanceof X509CertificateHolder holder) {
                    found.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new ConfigException(key, "cannot read " + file + " as PEM certificates ("
                    + e.getClass().getSimpleName() + ")", "expected -----BEGIN CERTIFICATE----- blocks");
        }
        if (found.isEmpty()) {
            throw new ConfigException(key, file + " holds no certificate", "expected -----BEGIN CERTIFICATE----- blocks");
        }
        return found;
    }

    private static PrivateKey privateKey(Path file) {
        String key = "server.tls.keyFile";
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser pem = parser(file, key)) {
            for (Object block = pem.readObject(); block != null; block = pem.readObject()) {
                if (block instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (block instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
                    throw new ConfigException(key, file + " holds an encrypted key", "decrypt it (openssl pkey -in"
                            + " enc.pem -out key.pem), readable by the service only, or use a PKCS#12 keyStore");
                }
            }
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + " as a PEM private key ("
                    + e.getClass().getSimpleName() + ")", "expected PKCS#8, PKCS#1 or SEC 1 PEM");
        }
        throw new ConfigException(key, file + " holds no private key",
                "expected -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY");
    }

    private static PEMParser parser(Path file, String key) {
        try {
            Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
            return new PEMParser(reader);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")",
                    "the service's user needs read access");
        }
    }

    /** Signs with the key and verifies with the certificate: a pair half-replaced on disk fails here. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate, String configKey, String file) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> throw new ConfigException(configKey, "the key in " + file + " is " + key.getAlgorithm(),
                    "use an RSA, EC or EdDSA key");
        };
        byte[] probe = new byte[32];
        RANDOM.nextBytes(probe);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // A key of another type than the certificate's: not a pair either.
        }
        throw new ConfigException(configKey, "the key in " + file + " does not belong to the certificate "
                + certificate.getSubjectX500Principal().getName(), "put the key and certificate of one pair in place");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty key store reads nothing", e);
        }
        return store;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
