package org.ldapscim.bridge.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throwaway CA made in memory for one test, and the server and client certificates it issues, written where the
 * test wants them as PEM or PKCS#12, with SSL contexts that trust the CA (and present a client certificate).
 * Server certificates name {@code localhost} and {@code 127.0.0.1}.
 */
public final class TestCertificates {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** How a private key is written: PKCS#8, or the algorithm's own PEM (PKCS#1 for RSA, SEC 1 for EC). */
    public enum KeyFormat { PKCS8, TRADITIONAL }

    /** A key pair and its certificate, issued by {@link #issuer}. */
    public record Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {

        /** The certificate (then its issuer) and the key as two PEM files. */
        public void writePem(Path certificateFile, Path keyFile, KeyFormat format) {
            writePemObjects(certificateFile, certificate, issuer);
            writePemObjects(keyFile, format == KeyFormat.PKCS8 ? pkcs8(keys) : traditional(keys));
        }

        /** Key and chain as one PKCS#12 file. */
        public void writePkcs12(Path file, String password) {
            try (OutputStream out = Files.newOutputStream(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("test", keys.getPrivate(), password.toCharArray(),
                        new Certificate[] {certificate, issuer});
                store.store(out, password.toCharArray());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot write " + file, e);
            }
        }

        /** {@code sha256:<hex>} of the certificate's DER encoding. */
        public String fingerprint() {
            try {
                return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificates(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new self-signed CA named {@code CN=<name>}. */
    public static TestCertificates newCa(String name) {
        KeyPair keys = ecKeys();
        X500Principal subject = new X500Principal("CN=" + name);
        try {
            JcaX509v3CertificateBuilder builder = builder(subject, subject, keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCertificates(keys, sign(builder, keys));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA's certificate as a PEM file. */
    public void writeCertificate(Path file) {
        writePemObjects(file, certificate);
    }

    /** A server certificate for localhost and 127.0.0.1, with an EC key ({@code rsa} false) or an RSA key. */
    public Issued server(String commonName, boolean rsa) {
        try {
            KeyPair pair = rsa ? rsaKeys() : ecKeys();
            JcaX509v3CertificateBuilder builder = builder(certificate.getSubjectX500Principal(),
                    new X500Principal("CN=" + commonName), pair);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())}));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return new Issued(pair, sign(builder, keys), certificate);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client certificate with this subject DN. */
    public Issued client(String subject) {
        try {
            KeyPair pair = ecKeys();
            JcaX509v3CertificateBuilder builder = builder(certificate.getSubjectX500Principal(),
                    new X500Principal(subject), pair);
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return new Issued(pair, sign(builder, keys), certificate);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context that trusts this CA and presents {@code client} when asked (null: no certificate). */
    public SSLContext trustingContext(Issued client) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyManagerFactory keyManagers = null;
            if (client != null) {
                char[] password = "test".toCharArray();
                KeyStore own = KeyStore.getInstance("PKCS12");
                own.load(null, null);
                own.setKeyEntry("client", client.keys().getPrivate(), password,
                        new Certificate[] {client.certificate(), client.issuer()});
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(own, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JcaX509v3CertificateBuilder builder(X500Principal issuer, X500Principal subject, KeyPair pair) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                pair.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JcaPKCS8Generator pkcs8(KeyPair pair) {
        try {
            return new JcaPKCS8Generator(pair.getPrivate(), null);
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PKCS#1 for RSA; for EC the SEC 1 structure as openssl writes it, with the curve and the public key (BouncyCastle
     * would leave the curve out of a JDK key, and openssl never does).
     */
    private static Object traditional(KeyPair pair) {
        if (!pair.getPrivate().getAlgorithm().equals("EC")) {
            return pair.getPrivate();
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
            org.bouncycastle.asn1.sec.ECPrivateKey inner =
                    org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
            ASN1BitString publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData();
            return new PemObject("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(),
                    publicKey, info.getPrivateKeyAlgorithm().getParameters()).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePemObjects(Path file, Object... objects) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
